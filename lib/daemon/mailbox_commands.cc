// stat and autoresponse (see commands.h).
#include <string>

#include "admin/account_lookup.h"
#include "daemon/commands.h"
#include "domain/account_name.h"
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

Answer autoresponse_command(const DaemonContext&, const Args&, ReplySink&) {
  return fmt::DaemonReply{fmt::DaemonCode::error, "autoresponder not available"};
}

}  // namespace vmm::daemon
