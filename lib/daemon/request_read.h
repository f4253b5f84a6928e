// Reading the one request of a vmailmgrd connection (SPEC §15): the 3-byte
// header, then exactly the bytes it announces — never more, never longer
// than the deadline, never more memory than one frame can need.
#pragma once
#include <chrono>
#include <string>

namespace vmm::daemon {

enum class RequestRead {
  complete,      // payload holds the bytes after the header
  nothing,       // the client closed the connection before sending a byte
  truncated,     // the client closed it in the middle of the frame
  timeout,       // the frame was not complete by the deadline
  not_protocol,  // the first byte is not protocol version 2
};

struct RawRequest {
  RequestRead status = RequestRead::nothing;
  std::string payload;
  std::size_t announced = 0;  // the length the header gave (0 before it is known)
  std::size_t received = 0;   // bytes received, header included
};

// Reads from fd (a blocking descriptor is fine: each read waits in poll
// first) until the frame is complete or deadline passes. Read errors throw.
RawRequest read_request(int fd, std::chrono::steady_clock::time_point deadline);

// A line for the log and the BAD reply, for every status but complete.
std::string describe(const RawRequest& r);

}  // namespace vmm::daemon
