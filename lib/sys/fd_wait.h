// Waiting, with a bound, until a descriptor can be read or written (poll):
// what a server needs so that a silent or stuck peer cannot hold it forever.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace vmm::sys {

enum class FdWait {
  ready,    // read or write would not block (end of file and errors count as ready)
  timeout,  // nothing within the time given
};

// poll(2) for POLLIN / POLLOUT, retried on EINTR with the time left. A
// negative or zero timeout only looks. Throws errno_error("wait for WHAT").
FdWait wait_readable(int fd, std::chrono::milliseconds timeout, const std::string& what);
FdWait wait_writable(int fd, std::chrono::milliseconds timeout, const std::string& what);

// One read(2) of at most max bytes, appended to out, retried on EINTR: the
// number of bytes read, 0 at end of file. Throws errno_error("read WHAT").
std::size_t read_some(int fd, std::string& out, std::size_t max, const std::string& what);

// Reads and throws away what has already arrived on fd (at most max bytes,
// without waiting): a server about to close a connection the client has
// sent more on, so the kernel does not answer that with a reset that can
// destroy the reply on its way. Read errors are ignored.
void discard_pending(int fd, std::size_t max);

// O_NONBLOCK on fd, so a write never waits for a peer that does not read:
// write_within then waits with its bound instead.
void set_nonblocking(int fd, const std::string& what);

// Writes all of data, waiting (poll) whenever fd is full, until deadline:
// true when everything was written, false when the time ran out first (part
// of data may be written). Write errors (EPIPE: the peer is gone) throw
// errno_error("write WHAT"). Blocking descriptors work too, unbounded.
bool write_within(int fd, std::string_view data, std::chrono::steady_clock::time_point deadline,
                  const std::string& what);

}  // namespace vmm::sys
