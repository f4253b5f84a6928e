#include "daemon/reply_sink.h"

#include "sys/error.h"
#include "sys/fd_wait.h"

namespace vmm::daemon {

void FdReplySink::send(const fmt::DaemonReply& reply) {
  const std::string frame = fmt::encode_daemon_reply(reply);
  if (!sys::write_within(fd_, frame, std::chrono::steady_clock::now() + limit_, "the reply"))
    throw Error(ErrorClass::temporary, "the client does not read its reply");
}

}  // namespace vmm::daemon
