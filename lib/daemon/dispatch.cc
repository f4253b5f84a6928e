#include "daemon/dispatch.h"

#include <exception>
#include <iterator>

#include "sys/error.h"

namespace vmm::daemon {
namespace {

constexpr std::size_t kAny = fmt::kDaemonMaxArgs;

// SPEC §15's argument lists (VMailMgr 0.97 accepted fewer for adduser2 and
// adduser3, and then read past the end of its array).
constexpr CommandSpec kCommands[] = {
    {"check", 3, 3, true, check_command},
    {"lookup", 3, 3, true, lookup_command},
    {"chattr", 5, kAny, true, chattr_command},
    {"adduser2", 5, kAny, true, adduser2_command},
    {"adduser3", 6, kAny, true, adduser3_command},
    {"deluser", 3, 3, true, deluser_command},
    {"autoresponse", 4, 5, true, autoresponse_command},
    {"stat", 3, 3, true, stat_command},
    {"listdomain", 2, 2, false, listdomain_command},
    {"session", 3, 3, true, session_command},
};

std::string expected(const CommandSpec& c) {
  if (c.min_args == c.max_args) return std::to_string(c.min_args);
  if (c.max_args == kAny) return "at least " + std::to_string(c.min_args);
  return std::to_string(c.min_args) + " to " + std::to_string(c.max_args);
}

Dispatched bad(const std::string& text) { return {{fmt::DaemonCode::bad, text}, text}; }
Dispatched error(const std::string& reply, const std::string& log) {
  return {{fmt::DaemonCode::error, reply}, log};
}

}  // namespace

const CommandSpec* find_command(std::string_view name) {
  for (const CommandSpec& c : kCommands)
    if (c.name == name) return &c;
  return nullptr;
}

Dispatched dispatch(const fmt::DaemonRequest& r, const DaemonContext& ctx, ReplySink& out,
                    Clock::time_point arrived) {
  const CommandSpec* c = find_command(r.command);
  if (!c) return bad("unknown command");
  if (r.args.size() < c->min_args || r.args.size() > c->max_args)
    return bad("wrong number of arguments to " + std::string(c->name) + ": " +
               std::to_string(r.args.size()) + " given, " + expected(*c) + " expected");
  try {
    Answer a = c->run(ctx, r.args, out);
    std::string log = a.note.empty() ? a.reply.message : a.note;
    return {std::move(a.reply), std::move(log)};
  } catch (const Error& e) {
    switch (e.cls()) {
      case ErrorClass::usage: return bad(e.what());
      case ErrorClass::bad_login:
        ctx.sys.sleep_until(arrived + kAuthFailureDelay);
        return error("authentication failed", std::string("authentication failed: ") + e.what());
      case ErrorClass::permanent: return error(e.what(), e.what());
      case ErrorClass::temporary: {
        const std::string text = std::string("temporary failure: ") + e.what();
        return error(text, text);
      }
    }
    return error("internal error", std::string("internal error: ") + e.what());
  } catch (const std::exception& e) {
    return error("internal error", std::string("internal error: ") + e.what());
  }
}

void describe_request(const fmt::DaemonRequest& r, LogEntry& entry) {
  entry.command = r.command;
  const CommandSpec* c = find_command(r.command);
  if (!c) return;  // its arguments mean nothing: none is logged
  if (!r.args.empty()) entry.domain = r.args[0];
  if (c->has_user && r.args.size() > 1) entry.user = r.args[1];
}

}  // namespace vmm::daemon
