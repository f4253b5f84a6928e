// The commands of vmailmgrd (SPEC §15), VMailMgr's argument lists as sent
// (the count is checked by dispatch before any of these runs). Each
// authenticates first (daemon/credentials.h), then makes its change
// through the same lib/admin code as the shell tools, and returns the final
// reply; frames that come before it (lookup's record, listdomain's
// entries, autoresponse's message) go to out. Refusals are thrown as
// vmm::Error: bad_login (authentication), usage (a request that makes no
// sense: BAD), permanent or temporary (ERROR with the library's message).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "daemon/credentials.h"
#include "daemon/reply_sink.h"
#include "fmt/daemon_frame.h"

namespace vmm::daemon {

using Args = std::vector<std::string>;

// The final reply, and what the log says of it when its message says
// nothing readable (listdomain's closing "", stat's numbers).
struct Answer {
  Answer(fmt::DaemonReply r, std::string n = {}) : reply(std::move(r)), note(std::move(n)) {}
  fmt::DaemonReply reply;
  std::string note;
};

// account_commands.cc
Answer check_command(const DaemonContext& ctx, const Args& a, ReplySink& out);
Answer lookup_command(const DaemonContext& ctx, const Args& a, ReplySink& out);
Answer chattr_command(const DaemonContext& ctx, const Args& a, ReplySink& out);
Answer adduser2_command(const DaemonContext& ctx, const Args& a, ReplySink& out);
Answer adduser3_command(const DaemonContext& ctx, const Args& a, ReplySink& out);
Answer deluser_command(const DaemonContext& ctx, const Args& a, ReplySink& out);

// mailbox_commands.cc
Answer stat_command(const DaemonContext& ctx, const Args& a, ReplySink& out);
Answer autoresponse_command(const DaemonContext& ctx, const Args& a, ReplySink& out);

// domain_commands.cc
Answer listdomain_command(const DaemonContext& ctx, const Args& a, ReplySink& out);

// session_command.cc: session DOMAIN USER PASS, the web pages' login and
// its renewal (vmailmgr.cgi(8)). USER empty: the domain's admin password
// (or an admin token of the domain); else the account's own password (or
// its own token). The OK message is a new token good for session-idle
// seconds; the log says whose session it is, never the token. No host
// key (ctx.keys nullptr, or a key file that cannot be used) is an error.
Answer session_command(const DaemonContext& ctx, const Args& a, ReplySink& out);

}  // namespace vmm::daemon
