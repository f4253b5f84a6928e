#include "daemon/line_channel.h"

#include "domain/password.h"
#include "sys/error.h"
#include "sys/fd_wait.h"

namespace vmm::daemon {

FdLineChannel::FdLineChannel(int in, int out, std::chrono::milliseconds idle, std::size_t max_line)
    : in_(in), out_(out), idle_(idle), max_(max_line) {}

FdLineChannel::~FdLineChannel() { domain::wipe(buf_); }

LineRead FdLineChannel::read_line(std::string& line) {
  const auto deadline = std::chrono::steady_clock::now() + idle_;
  for (;;) {
    std::size_t lf = buf_.find('\n');
    if (lf != std::string::npos && lf <= max_) {
      std::size_t end = lf > 0 && buf_[lf - 1] == '\r' ? lf - 1 : lf;
      domain::wipe(line);
      line.assign(buf_, 0, end);
      buf_.erase(0, lf + 1);  // what stays behind in the capacity is wiped at the end
      return LineRead::line;
    }
    if (buf_.size() > max_) return LineRead::too_long;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || sys::wait_readable(in_, left, "the request") == sys::FdWait::timeout)
      return LineRead::timeout;
    if (sys::read_some(in_, buf_, max_ + 2 - buf_.size(), "the request") == 0) return LineRead::closed;
  }
}

void FdLineChannel::write_line(std::string_view text) {
  std::string line = std::string(text) + "\r\n";
  if (!sys::write_within(out_, line, std::chrono::steady_clock::now() + idle_, "the reply"))
    throw Error(ErrorClass::temporary, "the client does not read its replies");
}

}  // namespace vmm::daemon
