// Where the reply frames of a request go (SPEC §15): lookup, listdomain and
// autoresponse's read send frames before their final one, so a command
// hands them to a sink as it makes them.
#pragma once
#include <chrono>

#include "fmt/daemon_frame.h"

namespace vmm::daemon {

class ReplySink {
 public:
  virtual ~ReplySink() = default;
  virtual void send(const fmt::DaemonReply& reply) = 0;
};

// A descriptor (fd 1 under unixserver or tcpserver), best made non-blocking
// (sys::set_nonblocking): each frame must be taken by the client within
// `limit`, else Error(temporary, "the client does not read its reply").
// A message too long for a frame is Error(permanent) and nothing is sent.
class FdReplySink final : public ReplySink {
 public:
  FdReplySink(int fd, std::chrono::milliseconds limit) : fd_(fd), limit_(limit) {}
  void send(const fmt::DaemonReply& reply) override;

 private:
  int fd_;
  std::chrono::milliseconds limit_;
};

}  // namespace vmm::daemon
