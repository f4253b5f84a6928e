#include "daemon/request_read.h"

#include "fmt/daemon_frame.h"
#include "sys/fd_wait.h"

namespace vmm::daemon {
namespace {

// Appends to buf until it holds want bytes: true, or false at end of file
// or timeout (r.status says which).
bool fill(int fd, std::string& buf, std::size_t want, std::chrono::steady_clock::time_point deadline,
          RawRequest& r) {
  while (buf.size() < want) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || sys::wait_readable(fd, left, "the request") == sys::FdWait::timeout) {
      r.status = RequestRead::timeout;
      return false;
    }
    std::size_t n = sys::read_some(fd, buf, want - buf.size(), "the request");
    r.received += n;
    if (n == 0) {
      r.status = r.received == 0 ? RequestRead::nothing : RequestRead::truncated;
      return false;
    }
  }
  return true;
}

}  // namespace

RawRequest read_request(int fd, std::chrono::steady_clock::time_point deadline) {
  RawRequest r;
  std::string header;
  // The first byte alone: a client speaking another protocol is told at once.
  if (!fill(fd, header, 1, deadline, r)) return r;
  if (static_cast<unsigned char>(header[0]) != fmt::kDaemonProtocol) {
    r.status = RequestRead::not_protocol;
    return r;
  }
  if (!fill(fd, header, fmt::kDaemonHeaderBytes, deadline, r)) return r;
  r.announced = *fmt::daemon_payload_length(header);
  r.payload.reserve(r.announced);
  if (!fill(fd, r.payload, r.announced, deadline, r)) return r;
  r.status = RequestRead::complete;
  return r;
}

std::string describe(const RawRequest& r) {
  switch (r.status) {
    case RequestRead::complete: return "complete request";
    case RequestRead::nothing: return "connection closed without a request";
    case RequestRead::not_protocol: return "not a protocol 2 request";
    case RequestRead::truncated:
    case RequestRead::timeout: break;
  }
  std::string what = r.status == RequestRead::truncated ? "truncated request: " : "timed out waiting for the request: ";
  if (r.received < fmt::kDaemonHeaderBytes)
    return what + std::to_string(r.received) + " of 3 header bytes received";
  return what + std::to_string(r.received - fmt::kDaemonHeaderBytes) + " of " +
         std::to_string(r.announced) + " bytes received";
}

}  // namespace vmm::daemon
