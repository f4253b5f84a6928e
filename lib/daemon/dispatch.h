// From a decoded request to its final reply (SPEC §15): the command table
// (VMailMgr's names and argument counts), and the one place where a
// command's refusal becomes BAD or ERROR — after the ≥ 1 s pause when it
// was a failed authentication.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "daemon/commands.h"
#include "daemon/log_line.h"
#include "daemon/system.h"
#include "fmt/daemon_frame.h"

namespace vmm::daemon {

struct CommandSpec {
  std::string_view name;
  std::size_t min_args, max_args;
  bool has_user;  // args[1] is an account name (everything but listdomain)
  Answer (*run)(const DaemonContext&, const Args&, ReplySink&);
};

// nullptr for a name that is not a command.
const CommandSpec* find_command(std::string_view name);

// A failed authentication is answered no sooner than this after the
// request arrived.
inline constexpr std::chrono::milliseconds kAuthFailureDelay{1000};

struct Dispatched {
  fmt::DaemonReply reply;
  std::string log_text;  // the reply's message, or what the log says instead
};

// Runs the command r names. BAD: an unknown command, a wrong argument
// count, Error(usage) from the command. ERROR: bad_login ("authentication
// failed", answered no sooner than arrived + kAuthFailureDelay, the reason
// in log_text only), permanent (its message), temporary ("temporary
// failure: ..."), anything else ("internal error"). Never throws a
// vmm::Error or std::exception.
Dispatched dispatch(const fmt::DaemonRequest& r, const DaemonContext& ctx, ReplySink& out,
                    Clock::time_point arrived);

// COMMAND, DOMAIN and USER of the log line, as far as r has them.
void describe_request(const fmt::DaemonRequest& r, LogEntry& entry);

}  // namespace vmm::daemon
