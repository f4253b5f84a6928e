// A stand-in for vmailmgrd behind web::DaemonTransport: records every
// request and answers from a handler per command (default: one OK frame
// "done"), so the pages' tests see exactly what would go to the daemon.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "fmt/daemon_frame.h"
#include "web/daemon_client.h"

namespace vmm::testing {

class FakeDaemon : public web::DaemonTransport {
 public:
  using Handler = std::function<std::vector<fmt::DaemonReply>(const fmt::DaemonRequest&)>;
  std::vector<fmt::DaemonRequest> requests;
  std::map<std::string, Handler> handlers;

  std::vector<fmt::DaemonReply> exchange(const fmt::DaemonRequest& r) override {
    requests.push_back(r);
    auto h = handlers.find(r.command);
    if (h == handlers.end()) return {ok("done")};
    return h->second(r);
  }
  // The commands asked for, in order.
  std::vector<std::string> commands() const {
    std::vector<std::string> c;
    for (const auto& r : requests) c.push_back(r.command);
    return c;
  }
  static fmt::DaemonReply ok(std::string m) { return {fmt::DaemonCode::ok, std::move(m)}; }
  static fmt::DaemonReply error(std::string m) { return {fmt::DaemonCode::error, std::move(m)}; }
};

}  // namespace vmm::testing
