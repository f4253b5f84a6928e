// stat and autoresponse (see commands.h).
#include <algorithm>
#include <iterator>
#include <optional>
#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <utility>

#include "admin/account_lookup.h"
#include "daemon/commands.h"
#include "domain/account_name.h"
#include "domain/autoresponse.h"
#include "domain/autoresponse.h"
#include "store/maildir_stat.h"
#include "sys/error.h"

namespace vmm::daemon {
namespace {

// A decimal and its NUL, as VMailMgr wrote each number.
std::string z(std::uint64_t n) { return std::to_string(n) + '\0'; }

}  // namespace

Answer stat_command(const DaemonContext& ctx, const Args& a, ReplySink&) {
  Authorized who = authorize_account(ctx, a[0], a[1], a[2], Allowed::admin);
  const std::string name = domain::account_name(who.account);
  fmt::Record r = admin::find_account(who.domain.table().read(), name);
  if (!r.has_mailbox || r.directory.empty())
    throw Error(ErrorClass::permanent, "user '" + name + "' has no mailbox");
  const store::MaildirStats s = store::maildir_stats(who.domain.absolute(r.directory));
  auto shown = [](const store::MessageCount& c) {
    return std::to_string(c.messages) + " (" + std::to_string(c.bytes) + " bytes)";
  };
  return Answer(fmt::DaemonReply{fmt::DaemonCode::ok,
                                 std::string(1, '\0') + z(s.fresh.messages) + z(s.fresh.bytes) +
                                     z(s.unseen.messages) + z(s.unseen.bytes) +
                                     z(s.seen.messages) + z(s.seen.bytes)},
                "user '" + name + "': new " + shown(s.fresh) + ", unseen " + shown(s.unseen) +
                    ", seen " + shown(s.seen));
}

Answer autoresponse_command(const DaemonContext& ctx, const Args& a, ReplySink& out) {
  const std::string& action = a[3];
  static const char* const kActions[] = {"status", "read", "write", "enable", "disable", "delete"};
  if (std::find(std::begin(kActions), std::end(kActions), action) == std::end(kActions))
    throw Error(ErrorClass::usage, "unknown autoresponse action '" + action +
                                       "': status, read, write, enable, disable or delete");
  if (action == "write" && a.size() != 5)
    throw Error(ErrorClass::usage, "autoresponse write needs the message");
  if (action != "write" && a.size() != 4)
    throw Error(ErrorClass::usage, "autoresponse " + action + " takes no message");

  Authorized who = authorize_account(ctx, a[0], a[1], a[2], Allowed::admin_or_own);
  const std::string name = domain::account_name(who.account);
  fmt::Record r = admin::find_account(who.domain.table().read(), name);
  if (r.directory.empty())
    throw Error(ErrorClass::permanent,
                "user '" + name + "' has no directory to keep an autoresponse in");
  const domain::Autoresponse ar(who.domain.config(), who.domain.absolute(r.directory));
  const std::string of = " of user '" + name + "'";
  auto ok = [](std::string m) { return fmt::DaemonReply{fmt::DaemonCode::ok, std::move(m)}; };
  auto change = [&](domain::AutoresponseChange c, const char* done, const char* nothing) {
    switch (c) {
      case domain::AutoresponseChange::done: return ok("autoresponse" + of + " " + done);
      case domain::AutoresponseChange::already: return ok("autoresponse" + of + " was already " + done);
      case domain::AutoresponseChange::nothing: break;
    }
    throw Error(ErrorClass::permanent, "user '" + name + "' has " + nothing);
  };
  if (action == "status") return ok(std::string(domain::status_text(ar.status())));
  if (action == "read") {
    std::optional<std::string> message = ar.read();
    if (!message)
      throw Error(ErrorClass::permanent, "user '" + name + "' has no autoresponse message");
    if (message->size() > fmt::kDaemonMaxMessage)
      throw Error(ErrorClass::permanent,
                  "the autoresponse message" + of + " is longer than a reply can be (65535 bytes)");
    out.send(ok(*message));
    return ok("autoresponse message" + of + " sent");
  }
  if (action == "write") {
    const domain::AutoresponseStatus now = ar.write(a[4]);
    return ok("autoresponse message" + of + " written; it is " +
              std::string(domain::status_text(now)));
  }
  if (action == "enable") return change(ar.enable(), "enabled", "no autoresponse message to enable");
  if (action == "disable")
    return change(ar.disable(), "disabled", "no autoresponse message to disable");
  return change(ar.remove(), "deleted", "no autoresponse");
}

}  // namespace vmm::daemon
