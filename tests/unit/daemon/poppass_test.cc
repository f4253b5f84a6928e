#include "daemon/poppass.h"

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <vector>

#include "domain/password.h"
#include "world.h"

using namespace vmm::daemon;
using vmm::daemon_testing::World;

namespace {

// The client's lines in order, then end of file; what the server said.
struct Script : LineChannel {
  std::deque<std::string> lines;
  LineRead end = LineRead::closed;
  std::vector<std::string> said;
  LineRead read_line(std::string& line) override {
    if (lines.empty()) return end;
    line = lines.front();
    lines.pop_front();
    return LineRead::line;
  }
  void write_line(std::string_view text) override { said.emplace_back(text); }
};

const vmm::domain::LoginEnv kNoEnv{"", ""};

}  // namespace

TEST_CASE("poppass: the dialogue Roundcube's driver has, and the password is changed") {
  World w;
  Script s;
  s.lines = {"user joe@example.test", "pass joe-secret", "newpass new secret", "quit"};
  PoppassOutcome o = serve_poppass(s, w.ctx(), kNoEnv);
  CHECK(s.said == std::vector<std::string>{"200 vpoppassd: hello, who are you?", "200 your password please.",
                                           "200 your new password please.", "200 password changed, thank you.",
                                           "200 bye."});
  CHECK(o.result == PoppassOutcome::changed);
  CHECK(o.login == "joe@example.test");
  CHECK(o.text == "password changed");
  const std::string hash = w.record(w.base_home, "joe").password;
  CHECK(hash.starts_with("$y$"));
  CHECK(vmm::domain::check_password(hash, "new secret") == vmm::domain::PasswordCheck::match);
  CHECK(w.sys.log == std::vector<std::string>{"become vmdbase 2941 2941"});
}

TEST_CASE("poppass: commands in any case, the login from TCPLOCALHOST, no quit (Roundcube)") {
  World w;
  Script s;
  s.lines = {"USER ann", "Pass ann-secret", "NEWPASS x"};
  PoppassOutcome o = serve_poppass(s, w.ctx(), {"example.test", ""});
  CHECK(s.said.back() == "200 password changed, thank you.");
  CHECK(o.result == PoppassOutcome::changed);
}

TEST_CASE("poppass: a wrong password, or an account that cannot log in: 500 after 1 s, the end") {
  for (const char* who : {"joe@example.test wrong", "nobody@example.test x", "dora@example.test dora-secret",
                          "eve@example.test eve-secret", "sales@example.test *", "joe@example.test base-secret"}) {
    CAPTURE(who);
    World w;
    std::string login(who, std::string(who).find(' '));
    Script s;
    s.lines = {"user " + login, std::string("pass ") + (std::string(who).substr(login.size() + 1)),
               "newpass x", "quit"};
    PoppassOutcome o = serve_poppass(s, w.ctx(), kNoEnv);
    CHECK(s.said == std::vector<std::string>{"200 vpoppassd: hello, who are you?", "200 your password please.",
                                             "500 old password is incorrect."});
    CHECK(o.result == PoppassOutcome::failed);
    CHECK(o.text.starts_with("authentication failed: "));
    CHECK(w.sys.log.back() == "sleep 1000ms");
    CHECK(s.lines.size() == 2);  // nothing more was read
  }
}

TEST_CASE("poppass: a new password vpasswd would refuse is refused; another try works") {
  World w;
  Script s;
  s.lines = {"user joe@example.test", "pass joe-secret", "newpass", "newpass " + std::string(300, 'x'),
             "newpass ok now", "quit"};
  PoppassOutcome o = serve_poppass(s, w.ctx(), kNoEnv);
  CHECK(s.said == std::vector<std::string>{"200 vpoppassd: hello, who are you?", "200 your password please.",
                                           "200 your new password please.", "500 no password given.",
                                           "500 the password is longer than 256 bytes.",
                                           "200 password changed, thank you.", "200 bye."});
  CHECK(o.result == PoppassOutcome::changed);
}

TEST_CASE("poppass: commands out of order, unknown ones, the end of the line") {
  World w;
  Script s;
  s.lines = {"pass x", "newpass y", "hello", "", "user joe@example.test", "user again", "newpass z",
             "pass joe-secret", "pass again"};
  s.end = LineRead::timeout;
  PoppassOutcome o = serve_poppass(s, w.ctx(), kNoEnv);
  CHECK(s.said == std::vector<std::string>{
                      "200 vpoppassd: hello, who are you?", "500 send user first.", "500 send user first.",
                      "500 unknown command.", "500 unknown command.", "200 your password please.",
                      "500 send pass first.", "500 send pass first.", "200 your new password please.",
                      "500 send newpass first.", "500 timed out waiting for the next command."});
  CHECK(o.result == PoppassOutcome::failed);
  CHECK(o.text == "timed out");
  const std::string before = w.table_bytes(w.base_home);

  Script t;
  t.lines = {"user joe@example.test"};
  t.end = LineRead::too_long;
  CHECK(serve_poppass(t, w.ctx(), kNoEnv).text == "line too long");
  CHECK(t.said.back() == "500 line too long.");
  Script q;
  q.lines = {"quit"};
  PoppassOutcome none = serve_poppass(q, w.ctx(), kNoEnv);
  CHECK(none.result == PoppassOutcome::none);
  CHECK(none.text == "quit before a change");
  CHECK(none.login == "-");
  CHECK(w.table_bytes(w.base_home) == before);
}
