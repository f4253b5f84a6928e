#include "domain/login_target.h"

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::domain;

namespace {

class FakeUsers : public UserDb {
 public:
  FakeUsers() {
    add("vmbase", 2001);
    add("vmwild", 2002);
    add("vm-base", 2003);
    add("bob", 1001);
    add("root", 0);
    add("vmbase-special", 2004);  // a Unix user whose name looks like base-account
  }
  std::optional<BaseUser> find(const std::string& name) const override {
    if (name == "broken") throw Error(ErrorClass::temporary, "unable to look up user broken: EIO");
    auto it = users_.find(name);
    if (it == users_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> system_password(const std::string&) const override {
    return std::nullopt;
  }

 private:
  void add(const std::string& name, uid_t uid) {
    users_[name] = BaseUser{name, uid, uid, "/home/" + name, "/bin/sh"};
  }
  std::map<std::string, BaseUser> users_;
};

ControlFiles control() {
  ControlFiles c;
  c.virtualdomains = VirtualDomains::parse(
      "example.com:vmbase\n"
      ".wild.test:vmwild\n"
      "dash.test:vm-base\n"
      "gone.test:nosuch\n"
      "rootdom.test:root\n"
      "broken.test:broken\n");
  c.locals = Locals::parse("localhost\nmail.example.org\n");
  return c;
}

struct Case {
  const char* login;
  LoginEnv env;
  const char* separators;  // nullptr = default "@:"
  const char* default_domain;
  LoginLookup outcome;
  const char* user;
  const char* domain;
  const char* local;
  const char* base;
  const char* account;
  const char* known;
};

constexpr auto F = LoginLookup::found;
constexpr auto M = LoginLookup::malformed;
constexpr auto U = LoginLookup::unknown;

const LoginEnv kNoEnv{};
const LoginEnv kHost{"Example.COM", "192.0.2.7"};  // TCPLOCALHOST wins over the ip
const LoginEnv kIp{"", "192.0.2.7"};
const LoginEnv kOtherIp{"", "192.0.2.99"};

}  // namespace

TEST_CASE("resolve_login: every login form, table-driven") {
  const Case cases[] = {
      // user@domain and user:domain, case folded
      {"joe@example.com", kNoEnv, nullptr, "", F, "joe", "example.com", "vmbase-joe", "vmbase", "joe", "joe@example.com"},
      {"JOE@Example.Com", kNoEnv, nullptr, "", F, "joe", "example.com", "vmbase-joe", "vmbase", "joe", "joe@example.com"},
      {"joe:example.com", kNoEnv, nullptr, "", F, "joe", "example.com", "vmbase-joe", "vmbase", "joe", "joe@example.com"},
      // first separator wins; the domain is the whole rest
      {"joe@example.com@x", kNoEnv, nullptr, "", U, "joe", "example.com@x", "joe", "", "", ""},
      // a configured separator
      {"joe%example.com", kNoEnv, "@%", "", F, "joe", "example.com", "vmbase-joe", "vmbase", "joe", "joe@example.com"},
      {"joe%example.com", kNoEnv, nullptr, "", U, "joe%example.com", "", "joe%example.com", "", "", ""},
      // no separator: TCPLOCALHOST, then ip-domains via TCPLOCALIP, then default-domain
      {"joe", kHost, nullptr, "", F, "joe", "example.com", "vmbase-joe", "vmbase", "joe", "joe@example.com"},
      {"joe", kIp, nullptr, "", F, "joe", "ip.wild.test", "vmwild-joe", "vmwild", "joe", "joe@ip.wild.test"},
      {"joe", kOtherIp, nullptr, "dash.test", F, "joe", "dash.test", "vm-base-joe", "vm-base", "joe", "joe@dash.test"},
      {"joe", kNoEnv, nullptr, "Example.com", F, "joe", "example.com", "vmbase-joe", "vmbase", "joe", "joe@example.com"},
      // virtualdomains .suffix wildcards
      {"ann@a.b.wild.test", kNoEnv, nullptr, "", F, "ann", "a.b.wild.test", "vmwild-ann", "vmwild", "ann", "ann@a.b.wild.test"},
      // base-user form, no domain at all
      {"vmbase-joe", kNoEnv, nullptr, "", F, "vmbase-joe", "", "vmbase-joe", "vmbase", "joe", "vmbase-joe"},
      // base names and accounts holding '-': longest base first
      {"jo-e@dash.test", kNoEnv, nullptr, "", F, "jo-e", "dash.test", "vm-base-jo-e", "vm-base", "jo-e", "jo-e@dash.test"},
      // a whole local name that is a Unix user is a system user
      {"special@example.com", kNoEnv, nullptr, "", F, "special", "example.com", "vmbase-special", "vmbase-special", "", "vmbase-special"},
      // system users: no domain, a local domain, an unknown domain; base- alone
      {"bob", kNoEnv, nullptr, "", F, "bob", "", "bob", "bob", "", "bob"},
      {"bob@LOCALHOST", kNoEnv, nullptr, "", F, "bob", "localhost", "bob", "bob", "", "bob"},
      {"bob@nowhere.test", kNoEnv, nullptr, "", F, "bob", "nowhere.test", "bob", "bob", "", "bob"},
      {"vmbase-", kNoEnv, nullptr, "", F, "vmbase-", "", "vmbase-", "vmbase", "", "vmbase"},
      // a local domain: the user part alone is the local name
      {"vmbase-joe@mail.example.org", kNoEnv, nullptr, "", F, "vmbase-joe", "mail.example.org", "vmbase-joe", "vmbase", "joe", "vmbase-joe"},
      // a domain mapping to a missing base user; to root (refused later, by uid)
      {"joe@gone.test", kNoEnv, nullptr, "", U, "joe", "gone.test", "nosuch-joe", "", "", ""},
      {"joe@rootdom.test", kNoEnv, nullptr, "", F, "joe", "rootdom.test", "root-joe", "root", "joe", "joe@rootdom.test"},
      {"nobody-at-all", kNoEnv, nullptr, "", U, "nobody-at-all", "", "nobody-at-all", "", "", ""},
      // malformed: empty user, empty domain, path bytes, dot names, controls
      {"@example.com", kNoEnv, nullptr, "", M, "", "", "", "", "", ""},
      {"joe@", kNoEnv, nullptr, "", M, "", "", "", "", "", ""},
      {"joe:", kNoEnv, nullptr, "", M, "", "", "", "", "", ""},
      {"../joe@example.com", kNoEnv, nullptr, "", M, "", "", "", "", "", ""},
      {"/etc@example.com", kNoEnv, nullptr, "", M, "", "", "", "", "", ""},
      {"joe@../../etc", kNoEnv, nullptr, "", M, "", "", "", "", "", ""},
      {"..@example.com", kNoEnv, nullptr, "", M, "", "", "", "", "", ""},
      {"jo e@example.com", kNoEnv, nullptr, "", M, "", "", "", "", "", ""},
      {"joe\n@example.com", kNoEnv, nullptr, "", M, "", "", "", "", "", ""},
      {"joe", LoginEnv{"bad/host", ""}, nullptr, "", M, "", "", "", "", "", ""},
  };
  FakeUsers users;
  const ControlFiles files = control();
  for (const Case& c : cases) {
    CAPTURE(c.login);
    LoginRules rules;
    if (c.separators) rules.separators = c.separators;
    rules.default_domain = c.default_domain;
    rules.ip_domains = {"192.0.2.7:ip.wild.test"};
    ResolvedLogin r = resolve_login(c.login, rules, c.env, files, users);
    CHECK(r.outcome == c.outcome);
    if (c.outcome == M) continue;
    CHECK(r.target.name.user == c.user);
    CHECK(r.target.name.domain == c.domain);
    CHECK(r.target.local == c.local);
    if (c.outcome != F) continue;
    CHECK(r.target.base.name == c.base);
    CHECK(r.target.base.home == std::string("/home/") + c.base);
    CHECK(r.target.account == c.account);
    CHECK(r.target.system_user() == (std::string(c.account).empty()));
    CHECK(known_as(r.target, files.virtualdomains) == c.known);
  }
}

TEST_CASE("resolve_login: the root base user keeps uid 0 for the caller to refuse") {
  FakeUsers users;
  ResolvedLogin r = resolve_login("joe@rootdom.test", LoginRules{}, kNoEnv, control(), users);
  REQUIRE(r.outcome == LoginLookup::found);
  CHECK(r.target.base.uid == 0);
  CHECK_FALSE(r.target.system_user());
}

TEST_CASE("resolve_login: a failing user database is a temporary error, not unknown") {
  FakeUsers users;
  try {
    resolve_login("joe@broken.test", LoginRules{}, kNoEnv, control(), users);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()) == "unable to look up user broken: EIO");
  }
}
