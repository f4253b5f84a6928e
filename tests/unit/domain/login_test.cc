#include "domain/login.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::domain;
using vmm::testing::TempDir;
using vmm::testing::write_file;

namespace {

// In-memory user database; remembers every name it was asked about.
class FakeUserDb : public UserDb {
 public:
  explicit FakeUserDb(std::vector<std::string> names) {
    uid_t uid = 1000;
    for (const std::string& n : names) {
      users_[n] = BaseUser{n, uid, uid + 100, "/home/" + n, "/bin/sh"};
      ++uid;
    }
  }
  std::optional<BaseUser> find(const std::string& name) const override {
    asked.push_back(name);
    if (name == failing) throw Error(ErrorClass::temporary, "unable to look up user " + name);
    auto it = users_.find(name);
    if (it == users_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> system_password(const std::string&) const override {
    return std::nullopt;
  }
  BaseUser user(const std::string& name) const { return users_.at(name); }

  mutable std::vector<std::string> asked;
  std::string failing;  // find() of this name throws

 private:
  std::map<std::string, BaseUser> users_;
};

std::optional<LoginName> name(const char* user, const char* domain) {
  return LoginName{user, domain};
}

}  // namespace

TEST_CASE("split_login: explicit separators") {
  const LoginRules at_colon;                      // default "@:"
  LoginRules percent;
  percent.separators = "@:%";
  const LoginEnv env{"host.test", "192.0.2.1"};   // never used with a separator
  struct Case {
    const char* login;
    const LoginRules* rules;
    std::optional<LoginName> expected;
  };
  const Case cases[] = {
      {"joe@example.com", &at_colon, name("joe", "example.com")},
      {"joe:example.com", &at_colon, name("joe", "example.com")},
      {"joe%example.com", &percent, name("joe", "example.com")},
      {"joe%example.com", &at_colon, name("joe%example.com", "host.test")},  // '%' not a separator
      {"JOE@Example.COM", &at_colon, name("joe", "example.com")},
      {"Joe.Smith-X@EX.org", &at_colon, name("joe.smith-x", "ex.org")},
      // First separator wins; the domain is the whole rest.
      {"joe:a@b.test", &at_colon, name("joe", "a@b.test")},
      {"joe@a:b.test", &at_colon, name("joe", "a:b.test")},
      {"joe%a@b.test", &percent, name("joe", "a@b.test")},
      {"joe@@b.test", &at_colon, name("joe", "@b.test")},
      // Failures.
      {"@example.com", &at_colon, std::nullopt},   // empty user
      {"joe@", &at_colon, std::nullopt},           // empty domain after a separator
      {"joe:", &at_colon, std::nullopt},
      {"%", &percent, std::nullopt},
      {"", &at_colon, std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.login);
    CHECK(split_login(c.login, *c.rules, env) == c.expected);
  }
}

TEST_CASE("split_login: domain of a login without separator") {
  LoginRules rules;
  rules.ip_domains = {
      "192.0.2.1:v4.example.com",
      "  192.0.2.2 : Spaced.Example.COM ",
      "::1:v6.example.com",                // split at the LAST ':'
      "2001:DB8::25:upper-v6.example.com",
      "[2001:db8::26]:bracket.example.com",
      "malformed-no-colon",
      "192.0.2.9:",                        // empty domain: skipped
      ":nodomain.example.com",             // empty ip: skipped
      "192.0.2.1:second-match.example.com",
  };
  rules.default_domain = "Default.Example.ORG";
  LoginRules no_default = rules;
  no_default.default_domain.clear();
  struct Case {
    LoginEnv env;
    const LoginRules* rules;
    const char* domain;
  };
  const Case cases[] = {
      {{"Host.Example.NET", "192.0.2.1"}, &rules, "host.example.net"},  // TCPLOCALHOST first
      {{"", "192.0.2.1"}, &rules, "v4.example.com"},                    // first match wins
      {{"", "192.0.2.2"}, &rules, "spaced.example.com"},
      {{"", "::1"}, &rules, "v6.example.com"},
      {{"", "2001:db8::25"}, &rules, "upper-v6.example.com"},
      {{"", "2001:DB8::26"}, &rules, "bracket.example.com"},
      {{"", "192.0.2.9"}, &rules, "default.example.org"},   // its line was malformed
      {{"", "192.0.2.99"}, &rules, "default.example.org"},  // unmapped ip
      {{"", ""}, &rules, "default.example.org"},            // empty ip never matches ":nodomain"
      {{"", "192.0.2.99"}, &no_default, ""},                // nothing: no domain
      {{"", ""}, &no_default, ""},
      {{"", "::1"}, &no_default, "v6.example.com"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.env.tcp_local_host);
    CAPTURE(c.env.tcp_local_ip);
    CHECK(split_login("Joe", *c.rules, c.env) == name("joe", c.domain));
  }
  // Empty separators: nothing splits.
  LoginRules none;
  none.separators = "";
  CHECK(split_login("joe@x.test", none, {"h.test", ""}) == name("joe@x.test", "h.test"));
  // Uppercase separators still match the lowercased login.
  LoginRules upper;
  upper.separators = "X";
  CHECK(split_login("joeXdom.test", upper, {}) == name("joe", "dom.test"));
}

TEST_CASE("split_login refuses hostile logins") {
  LoginRules rules;
  rules.separators = "@:%";
  const LoginEnv env{"host.test", ""};
  const std::string cases[] = {
      "../x",
      "..",
      ".",
      "..@example.com",
      ".@example.com",
      "a/b",
      "a/b@example.com",
      "joe@ex/ample.com",
      "joe@../etc",
      std::string("root\0x", 6),
      std::string("joe@example.com\0", 16),
      std::string("\0", 1),
      "joe\n",
      "joe\r@example.com",
      "jo\te",
      "joe\x7f",
      "jo e@example.com",
      "joe@example.com ",
  };
  for (const std::string& login : cases) {
    CAPTURE(login);
    CHECK(split_login(login, rules, env) == std::nullopt);
  }
  // A hostile implied domain is refused as well.
  CHECK(split_login("joe", rules, {"evil/../host", ""}) == std::nullopt);
  CHECK(split_login("joe", rules, {"bad\nhost", ""}) == std::nullopt);
  // Dots are fine elsewhere: "...", ".hidden", "joe.smith".
  CHECK(split_login("...", rules, env) == name("...", "host.test"));
  CHECK(split_login(".joe@x.test", rules, env) == name(".joe", "x.test"));
  // 8-bit bytes are neither control bytes nor separators.
  CHECK(split_login("j\xC3\xB6rg@x.test", rules, env) == name("j\xC3\xB6rg", "x.test"));
}

TEST_CASE("join_login: user and domain given apart") {
  LoginRules rules;
  rules.separators = "@%";
  CHECK(join_login("Joe", "Example.TEST", rules) == name("joe", "example.test"));
  CHECK(join_login("...", "x.test", rules) == name("...", "x.test"));
  CHECK(join_login("j\xC3\xB6rg", "x.test", rules) == name("j\xC3\xB6rg", "x.test"));
  CHECK(join_login("a:b", "x.test", rules) == name("a:b", "x.test"));  // ':' is no separator here
  const std::pair<std::string, std::string> refused[] = {
      {"", "x.test"}, {"joe", ""}, {".", "x.test"}, {"..", "x.test"}, {"a/b", "x.test"},
      {"joe", "x/../y"}, {"jo e", "x.test"}, {"joe", "x.test "}, {"joe\n", "x.test"},
      {"joe", "x\r"}, {std::string("joe\0", 4), "x.test"}, {"joe@y.test", "x.test"},
      {"joe%y.test", "x.test"}, {"joe\x7f", "x.test"},
  };
  for (const auto& [user, domain] : refused) {
    CAPTURE(user);
    CAPTURE(domain);
    CHECK(join_login(user, domain, rules) == std::nullopt);
  }
}

TEST_CASE("local_name") {
  const VirtualDomains vd = VirtualDomains::parse(
      "example.com:exbase\n"
      ".example.com:wildbase\n"
      "local.test:shadowed\n"
      "dash.test:my-base\n");
  const Locals locals = Locals::parse("local.test\nlocalhost\n");
  struct Case {
    LoginName login;
    const char* local;
  };
  const Case cases[] = {
      {{"joe", "example.com"}, "exbase-joe"},
      {{"joe", "sub.example.com"}, "wildbase-joe"},
      {{"joe", "local.test"}, "joe"},      // locals wins over virtualdomains
      {{"joe", "localhost"}, "joe"},
      {{"joe", "unknown.test"}, "joe"},    // no virtualdomains entry
      {{"joe", ""}, "joe"},                // no domain
      {{"a-b", "dash.test"}, "my-base-a-b"},
      {{"exbase-joe", "unknown.test"}, "exbase-joe"},  // a base-virtual login
  };
  for (const Case& c : cases) {
    CAPTURE(c.login.user);
    CAPTURE(c.login.domain);
    CHECK(local_name(c.login, vd, locals) == c.local);
  }
}

TEST_CASE("virtual_domain_base: step 2's question alone") {
  const VirtualDomains vd = VirtualDomains::parse("example.com:exbase\n.wild.test:wild\nlocal.test:x\n");
  const Locals locals = Locals::parse("local.test\n");
  CHECK(virtual_domain_base("example.com", vd, locals) == "exbase");
  CHECK(virtual_domain_base("EXAMPLE.com", vd, locals) == "exbase");
  CHECK(virtual_domain_base("a.wild.test", vd, locals) == "wild");
  CHECK(virtual_domain_base("local.test", vd, locals) == std::nullopt);  // locals wins
  CHECK(virtual_domain_base("other.test", vd, locals) == std::nullopt);
  CHECK(virtual_domain_base("", vd, locals) == std::nullopt);
}

TEST_CASE("find_base_user: longest prefix before a '-'") {
  FakeUserDb users({"joe", "my-base", "my", "a-b-c", "x"});
  struct Case {
    const char* local;
    std::optional<std::string> base;
    const char* account;
    std::vector<std::string> asked;
  };
  const Case cases[] = {
      {"joe", "joe", "", {"joe"}},
      {"my-base-info", "my-base", "info", {"my-base-info", "my-base"}},
      {"my-base-first-last", "my-base", "first-last",
       {"my-base-first-last", "my-base-first", "my-base"}},
      {"my-other", "my", "other", {"my-other", "my"}},
      {"my-base", "my-base", "", {"my-base"}},  // the whole name first
      {"a-b-c", "a-b-c", "", {"a-b-c"}},
      {"a-b-c-d", "a-b-c", "d", {"a-b-c-d", "a-b-c"}},
      {"joe-", "joe", "", {"joe-", "joe"}},   // empty rest: a system-user login
      {"x--y", "x", "-y", {"x--y", "x-", "x"}},
      {"nobody-here", std::nullopt, "", {"nobody-here", "nobody"}},
      {"-joe", std::nullopt, "", {"-joe"}},  // an empty base name is never asked
      {"", std::nullopt, "", {}},
      {"../joe", std::nullopt, "", {}},
      {"a/b-c", std::nullopt, "", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.local);
    users.asked.clear();
    std::optional<BaseMatch> match = find_base_user(c.local, users);
    if (c.base) {
      REQUIRE(match.has_value());
      CHECK(match->base == users.user(*c.base));
      CHECK(match->account == c.account);
    } else {
      CHECK_FALSE(match.has_value());
    }
    CHECK(users.asked == c.asked);
  }
  CHECK(find_base_user(std::string_view("joe\0-x", 6), users) == std::nullopt);
}

TEST_CASE("find_base_user lets a lookup failure through") {
  FakeUserDb users({"joe"});
  users.failing = "joe-x";
  try {
    find_base_user("joe-x-y", users);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()) == "unable to look up user joe-x");
  }
  CHECK(users.asked == std::vector<std::string>{"joe-x-y", "joe-x"});
}

TEST_CASE("steps 1-3 together") {
  const VirtualDomains vd = VirtualDomains::parse("example.com:vmbase\n");
  const Locals locals = Locals::parse("mail.test\n");
  FakeUserDb users({"vmbase", "alice"});
  LoginRules rules;
  auto resolve = [&](const char* login, LoginEnv env) -> std::optional<BaseMatch> {
    std::optional<LoginName> n = split_login(login, rules, env);
    if (!n) return std::nullopt;
    return find_base_user(local_name(*n, vd, locals), users);
  };
  CHECK(resolve("Bob.Jones@Example.com", {}) == BaseMatch{users.user("vmbase"), "bob.jones"});
  CHECK(resolve("bob", {"example.com", ""}) == BaseMatch{users.user("vmbase"), "bob"});
  CHECK(resolve("alice@mail.test", {}) == BaseMatch{users.user("alice"), ""});
  CHECK(resolve("vmbase-bob", {}) == BaseMatch{users.user("vmbase"), "bob"});
  CHECK(resolve("nobody@example.org", {}) == std::nullopt);
  CHECK(resolve("../vmbase@example.com", {}) == std::nullopt);
}

TEST_CASE("login_rules reads the global settings") {
  TempDir dir;
  SUBCASE("defaults") {
    LoginRules rules = login_rules(Config(dir.path, ""));
    CHECK(rules.separators == "@:");
    CHECK(rules.default_domain == "");
    CHECK(rules.ip_domains.empty());
  }
  SUBCASE("files") {
    write_file(dir / "separators", "@%\n");
    write_file(dir / "default-domain", "example.org\n");
    write_file(dir / "ip-domains", "# mapped addresses\n192.0.2.1:a.test\n\n::1:b.test\n");
    LoginRules rules = login_rules(Config(dir.path, ""));
    CHECK(rules.separators == "@%");
    CHECK(rules.default_domain == "example.org");
    CHECK(rules.ip_domains == std::vector<std::string>{"192.0.2.1:a.test", "::1:b.test"});
  }
}
