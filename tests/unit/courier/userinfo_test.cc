#include "courier/userinfo.h"

#include <doctest/doctest.h>

#include <string>

#include "auth/verify.h"
#include "courier_testing.h"

using namespace vmm::courier_testing;
using vmm::courier::Fields;
using vmm::courier::kMaxNameBytes;
using vmm::courier::name_value;
using vmm::courier::userinfo_fields;
namespace auth = vmm::auth;

namespace {

Fields fields_of(World& w, const std::string& login, const std::string& password) {
  vmm::fmt::CheckpasswordRequest c;
  c.login = login;
  c.password = password;
  auth::HookSite site{w.global(), std::nullopt, {}};
  auth::VerifiedLogin v = auth::authenticate(c, {}, w.sys, w.users, w.global(), site);
  return userinfo_fields(v, w.global());
}

void set_record(World& w, const std::string& name, vmm::fmt::Record r) {
  put_accounts(w.home, {{name, std::move(r)}});
}

}  // namespace

TEST_CASE("userinfo: a virtual account, with its limits and personal information") {
  World w;
  const std::string dir = w.home + "/users/joe";
  CHECK(fields_of(w, "joe@example.com", "joe-pw") == Fields{{"ADDRESS", "joe@example.com"},
                                                            {"USERNAME", "vmbase"},
                                                            {"UID", "2001"},
                                                            {"GID", "2002"},
                                                            {"HOME", dir},
                                                            {"MAILDIR", dir},
                                                            {"QUOTA", "5000000S,500C"},
                                                            {"NAME", "Joe Example"}});
}

TEST_CASE("userinfo: QUOTA only with a hard quota or a message count; NAME only when set") {
  World w;
  vmm::fmt::Record r = mailbox("kim", joe_hash());
  set_record(w, "kim", r);
  CHECK(fields_of(w, "kim@example.com", "joe-pw").size() == 6);
  r.hard_quota = 1000;
  set_record(w, "kim", r);
  CHECK(fields_of(w, "kim@example.com", "joe-pw").back() == std::pair<std::string, std::string>(
                                                                "QUOTA", "1000S"));
  r.hard_quota.reset();
  r.msg_count = 20;
  r.soft_quota = 500;  // Maildir++ has no soft quota
  r.directory = "users/kim";
  set_record(w, "kim", r);
  Fields f = fields_of(w, "kim@example.com", "joe-pw");
  CHECK(f.back() == std::pair<std::string, std::string>("QUOTA", "20C"));
  CHECK(f[4] == std::pair<std::string, std::string>("HOME", w.home + "/users/kim"));
}

TEST_CASE("userinfo: a system user") {
  World w;
  CHECK(fields_of(w, "bob", "bob-pw") == Fields{{"ADDRESS", "bob"},
                                                {"USERNAME", "bob"},
                                                {"UID", "1001"},
                                                {"GID", "1001"},
                                                {"HOME", w.dir / "home/bob"},
                                                {"MAILDIR", w.dir / "home/bob/Maildir"}});
  w.setting("default-maildir", "/var/mail/box");
  CHECK(fields_of(w, "bob", "bob-pw").back() ==
        std::pair<std::string, std::string>("MAILDIR", "/var/mail/box"));
}

TEST_CASE("userinfo: NAME never breaks the reply") {
  CHECK(name_value("Joe Example") == "Joe Example");
  CHECK(name_value("a\nUID=0\tb\x7f") == "a UID=0 b ");
  CHECK(name_value(std::string(kMaxNameBytes + 10, 'n')) == std::string(kMaxNameBytes, 'n'));
  // A cut never splits a UTF-8 sequence: "é" is 2 bytes straddling the limit.
  std::string s(kMaxNameBytes - 1, 'n');
  s += "\xc3\xa9zz";
  CHECK(name_value(s) == std::string(kMaxNameBytes - 1, 'n'));
  std::string exact(kMaxNameBytes - 2, 'n');
  exact += "\xc3\xa9";
  CHECK(name_value(exact + "z") == exact);
}
