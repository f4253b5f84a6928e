#include "admin/qmail_reload.h"

#include <vector>

#include "sys/error.h"

namespace vmm::admin {

Reload reload_qmail_send(HostSystem& host, const domain::Config& global) {
  const std::vector<std::string> services = global.list("qmail-send-services");
  for (const std::string& dir : services) {
    if (!host.supervised(dir)) continue;
    try {
      if (host.run({"svc", "-h", dir}) == 0) return {Reload::How::svc, "svc -h " + dir};
    } catch (const Error&) {
      // no svc to run: try the pid
    }
  }
  const std::string queue = global.dir("qmail-root") + "queue";
  std::string pids;
  for (pid_t pid : host.qmail_send_pids(queue)) {
    try {
      host.hangup(pid);
      pids += (pids.empty() ? "pid " : ", ") + std::to_string(pid);
    } catch (const Error&) {
      // gone meanwhile
    }
  }
  if (!pids.empty()) return {Reload::How::signal, pids};
  return {Reload::How::not_running,
          "svc -h " + (services.empty() ? std::string("/service/qmail-send") : services.front()) +
              " (or kill -HUP the pid of qmail-send, or restart qmail)"};
}

}  // namespace vmm::admin
