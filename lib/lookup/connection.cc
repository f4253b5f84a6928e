#include "lookup/connection.h"

#include <charconv>

#include "sys/error.h"
#include "sys/fd.h"
#include "sys/fd_wait.h"

namespace vmm::lookup {

std::chrono::seconds parse_idle_timeout(std::string_view text) {
  unsigned long n = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc() || p != end || n < 1 || n > 86400)
    throw Error(ErrorClass::usage,
                "bad timeout '" + std::string(text) + "': give whole seconds from 1 to 86400");
  return std::chrono::seconds(n);
}

FdConnection::FdConnection(int in, int out, std::chrono::milliseconds idle)
    : in_(in), out_(out), idle_(idle), deadline_(std::chrono::steady_clock::now() + idle) {}

std::chrono::milliseconds FdConnection::left() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ -
                                                               std::chrono::steady_clock::now());
}

ConnectionRead FdConnection::read(std::string& out, std::size_t max) {
  if (sys::wait_readable(in_, left(), "the request") == sys::FdWait::timeout)
    return ConnectionRead::timeout;
  return sys::read_some(in_, out, max, "the request") == 0 ? ConnectionRead::closed
                                                            : ConnectionRead::data;
}

ConnectionWrite FdConnection::write(std::string_view bytes) {
  if (sys::wait_writable(out_, idle_, "the reply") == sys::FdWait::timeout)
    return ConnectionWrite::timeout;
  sys::write_all(out_, bytes, "the reply");
  deadline_ = std::chrono::steady_clock::now() + idle_;
  return ConnectionWrite::done;
}

}  // namespace vmm::lookup
