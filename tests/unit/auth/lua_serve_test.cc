#include "auth/lua_serve.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "../testing/pipe.h"
#include "sys/error.h"
#include "system_fake.h"

using namespace vmm;
using vmm::testing::Pipe;

namespace {

std::string request(const std::string& kind, const std::string& login, const std::string& pw) {
  return kind + std::string(1, '\0') + login + '\0' + pw + '\0' + "127.0.0.1" + '\0' +
         "192.0.2.7" + '\0' + "imap" + '\0';
}

std::string drain(int fd) {
  std::string all;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) all.append(buf, n);
  return all;
}

// What the handler saw: "passdb|userdb LOGIN" per request.
struct Seen {
  std::vector<std::string> calls;
  auth::LuaServeAnswer handler() {
    return [this](bool userdb, std::string_view req) {
      const std::string login(req.substr(0, req.find('\0')));
      calls.push_back(std::string(userdb ? "userdb " : "passdb ") + login);
      return "PASSDB_RESULT_OK\t\nuser\t" + login + "\n";
    };
  }
};

}  // namespace

TEST_CASE("serve_lua: each request answered in turn, an empty line after each, until EOF") {
  Pipe in, out;
  Seen seen;
  // Two requests in one write, the third split across two.
  const std::string third = request("passdb", "ann@example.com", "pw3");
  in.put(request("passdb", "joe@example.com", "pw1") + request("userdb", "joe@example.com", "") +
         third.substr(0, 10));
  in.put(third.substr(10));
  in.close_write();
  auth::serve_lua(in.r, out.w, seen.handler());
  CHECK(seen.calls == std::vector<std::string>{"passdb joe@example.com", "userdb joe@example.com",
                                               "passdb ann@example.com"});
  out.close_write();
  CHECK(drain(out.r) ==
        "PASSDB_RESULT_OK\t\nuser\tjoe@example.com\n\n"
        "PASSDB_RESULT_OK\t\nuser\tjoe@example.com\n\n"
        "PASSDB_RESULT_OK\t\nuser\tann@example.com\n\n");
}

TEST_CASE("serve_lua: lost framing ends the service (unknown kind, an over-long request)") {
  {
    Pipe in, out;
    Seen seen;
    in.put(request("passdb", "joe@example.com", "pw") + request("lookup", "joe@example.com", ""));
    in.close_write();
    CHECK_THROWS_WITH(auth::serve_lua(in.r, out.w, seen.handler()), "a request of an unknown kind");
    CHECK(seen.calls.size() == 1);  // the good one before it was answered
  }
  {
    Pipe in, out;
    Seen seen;
    in.put("passdb" + std::string(1, '\0') + std::string(auth::kLuaServeRequestMax, 'x'));
    in.close_write();
    CHECK_THROWS_AS(auth::serve_lua(in.r, out.w, seen.handler()), Error);
    CHECK(seen.calls.empty());
  }
}

TEST_CASE("RequestLoginSystem: every environment change is undone when it goes") {
  auth_testing::FakeAuthSystem process;
  process.environment = {{"PATH", "/bin"}, {"TCPLOCALIP", "10.0.0.1"}};
  {
    auth::RequestLoginSystem sys(process);
    sys.set_env("TCPLOCALIP", "127.0.0.1");
    sys.set_env("TCPLOCALIP", "127.0.0.2");
    sys.set_env("USER", "joe@example.com");
    sys.unset_env("PATH");
    CHECK(sys.env("USER") == "joe@example.com");
    CHECK(!sys.env("PATH"));
  }
  CHECK(process.environment ==
        std::map<std::string, std::string>{{"PATH", "/bin"}, {"TCPLOCALIP", "10.0.0.1"}});
}
