#include "daemon/poppass.h"

#include <optional>

#include "admin/account_password.h"
#include "daemon/dispatch.h"
#include "domain/account_name.h"
#include "domain/password.h"
#include "domain/virtualdomains.h"
#include "sys/error.h"

namespace vmm::daemon {
namespace {

enum class Stage { user, pass, newpass, done };

// A line holding a password, wiped however the dialogue ends.
struct WipedLine {
  std::string text;
  ~WipedLine() { domain::wipe(text); }
};

struct Command {
  std::string verb;      // lowercased
  std::string_view arg;  // the rest after one blank
};

Command parse(std::string_view line) {
  std::size_t blank = line.find(' ');
  Command c;
  c.verb = domain::lowercase(line.substr(0, blank));
  if (blank != std::string_view::npos) c.arg = line.substr(blank + 1);
  return c;
}

}  // namespace

PoppassOutcome serve_poppass(LineChannel& io, const DaemonContext& ctx,
                             const domain::LoginEnv& env) {
  PoppassOutcome out;
  out.login = "-";
  Stage stage = Stage::user;
  std::optional<Authorized> who;
  WipedLine line;
  try {
    io.write_line("200 vpoppassd: hello, who are you?");
    for (;;) {
      switch (io.read_line(line.text)) {
        case LineRead::line: break;
        case LineRead::closed:
          if (out.text.empty()) out.text = "closed by the client";
          return out;
        case LineRead::timeout:
          if (out.result != PoppassOutcome::changed) out.result = PoppassOutcome::failed;
          io.write_line("500 timed out waiting for the next command.");
          out.text += (out.text.empty() ? "" : "; ") + std::string("timed out");
          return out;
        case LineRead::too_long:
          if (out.result != PoppassOutcome::changed) out.result = PoppassOutcome::failed;
          io.write_line("500 line too long.");
          out.text += (out.text.empty() ? "" : "; ") + std::string("line too long");
          return out;
      }
      const Clock::time_point arrived = ctx.sys.clock();
      const Command c = parse(line.text);
      if (c.verb == "quit") {
        io.write_line("200 bye.");
        if (out.text.empty()) out.text = "quit before a change";
        return out;
      }
      if (c.verb == "user" && stage == Stage::user) {
        out.login = std::string(c.arg);
        stage = Stage::pass;
        io.write_line("200 your password please.");
      } else if (c.verb == "pass" && stage == Stage::pass) {
        try {
          who.emplace(authorize_login(ctx, out.login, env, c.arg));
        } catch (const Error& e) {
          if (e.cls() != ErrorClass::bad_login) throw;
          out.result = PoppassOutcome::failed;
          ctx.sys.sleep_until(arrived + kAuthFailureDelay);
          io.write_line("500 old password is incorrect.");
          out.text = std::string("authentication failed: ") + e.what();
          return out;
        }
        stage = Stage::newpass;
        io.write_line("200 your new password please.");
      } else if (c.verb == "newpass" && stage == Stage::newpass) {
        try {
          std::string hash = domain::hash_new_password(c.arg);
          admin::set_password(who->domain, domain::account_name(who->account), hash);
          domain::wipe(hash);
        } catch (const Error& e) {
          const std::string why = e.cls() == ErrorClass::temporary
                                      ? std::string("temporary failure: ") + e.what()
                                      : e.what();
          out.result = PoppassOutcome::failed;
          io.write_line("500 " + why + ".");
          out.text = "new password refused: " + why;
          continue;
        }
        stage = Stage::done;
        out.result = PoppassOutcome::changed;
        out.text = "password changed";
        io.write_line("200 password changed, thank you.");
      } else if (c.verb == "user" || c.verb == "pass" || c.verb == "newpass") {
        io.write_line(stage == Stage::pass      ? "500 send pass first."
                      : stage == Stage::newpass ? "500 send newpass first."
                      : stage == Stage::done    ? "500 send quit."
                                                : "500 send user first.");
      } else {
        io.write_line("500 unknown command.");
      }
    }
  } catch (const std::exception& e) {
    if (out.result != PoppassOutcome::changed) out.result = PoppassOutcome::failed;
    out.text += (out.text.empty() ? "" : "; ") + std::string("ended: ") + e.what();
    try {
      io.write_line("500 temporary failure, try again later.");
    } catch (...) {
    }
    return out;
  }
}

}  // namespace vmm::daemon
