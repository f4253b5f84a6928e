#include "admin/account_password.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::base_home_testing::TempHome;
using vmm::testing::error_of;

namespace {
std::string fake_hash(std::string_view password) { return "H(" + std::string(password) + ")"; }

fmt::Record full_record() {
  fmt::Record r = base_home_testing::mailbox("./users/greta", "$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.");
  r.forwards = {"lena@home.example"};
  r.personal = "Greta Lindqvist (Sales)";
  r.hard_quota = 5242880;
  r.soft_quota = 0;
  r.msg_size = 1048576;
  r.msg_count = 500;
  r.ctime = 1795315480;
  r.expiry = 1826851480;
  r.mailbox_enabled = false;
  return r;
}
}  // namespace

TEST_CASE("account_password: only the hash changes") {
  TempHome t;
  t.put("greta", full_record());
  t.put("ivar", base_home_testing::mailbox("./users/ivar"));
  const std::string ivar_before(*t.table().find_raw("ivar"));
  set_password(t.domain(), "greta", "$y$new");
  fmt::Record want = full_record();
  want.password = "$y$new";
  CHECK(t.record("greta") == want);
  CHECK(std::string(*t.table().find_raw("ivar")) == ivar_before);
}

TEST_CASE("account_password: version 1 and legacy records are kept, written as version 2") {
  TempHome t;
  const std::string v1("\x01old\0./users/uma\0fw@x\0\0Uma\0-\0-\0-\0-\0" "99\0-\0", 40);
  t.put_raw("uma", v1);
  t.put_raw("wren", ":wQRdmEgHFNHtA:&uma,wren@elsewhere.example");
  set_password(t.domain(), "uma", "$y$a");
  set_password(t.domain(), "wren", "$y$b");
  fmt::Record uma = t.record("uma");
  CHECK(uma.password == "$y$a");
  CHECK(uma.directory == "./users/uma");
  CHECK(uma.forwards == std::vector<std::string>{"fw@x"});
  CHECK(uma.personal == "Uma");
  CHECK(uma.ctime == 99u);
  CHECK(uma.has_mailbox);
  CHECK(t.table().find_raw("uma")->front() == '\x02');
  fmt::Record wren = t.record("wren");
  CHECK(wren.password == "$y$b");
  CHECK(wren.forwards == std::vector<std::string>{"uma", "wren@elsewhere.example"});
  CHECK_FALSE(wren.has_mailbox);
}

TEST_CASE("account_password: unknown and broken accounts are errors, nothing changes") {
  TempHome t;
  t.put_raw("broken", "\x07garbage");
  const std::string before = t.table_bytes();
  CHECK(error_of([&] { set_password(t.domain(), "nobody", "$y$x"); }) == "account 'nobody' does not exist");
  std::string msg = error_of([&] { set_password(t.domain(), "broken", "$y$x"); });
  CHECK(msg.starts_with("account 'broken': "));
  CHECK(t.table_bytes() == before);
}

TEST_CASE("account_password: lines, with blanks inside passwords and bad lines by number") {
  TempHome t;
  t.put("greta", full_record());
  t.put("ivar.holm", base_home_testing::mailbox("./users/ivar:holm"));
  t.put_raw("broken", "\x07garbage");
  PasswordsResult r = set_password_lines(t.domain(),
                                         "# comment\n"
                                         "IVAR.HOLM Toucan Fern/77  \r\n"
                                         "nobody pw\n"
                                         "greta\n"
                                         "\n"
                                         "greta\tnew-greta\n"
                                         "a/b pw\n"
                                         "broken pw\n"
                                         "ivar.holm second\n",
                                         fake_hash);
  CHECK(r.changed == std::vector<std::string>{"ivar.holm", "greta"});
  REQUIRE(r.problems.size() == 5);
  CHECK(r.problems[0] == "line 3: account 'nobody' does not exist");
  CHECK(r.problems[1] == "line 4: no password given for 'greta'");
  CHECK(r.problems[2] == "line 7: invalid account name 'a/b': it contains '/'");
  CHECK(r.problems[3].starts_with("line 8: account 'broken': "));
  CHECK(r.problems[4] == "line 9: account 'ivar.holm' is given twice");
  CHECK(t.record("ivar.holm").password == "H(Toucan Fern/77)");
  fmt::Record want = full_record();
  want.password = "H(new-greta)";
  CHECK(t.record("greta") == want);
}

TEST_CASE("account_password: no good line, no update") {
  TempHome t;
  t.put("greta", full_record());
  const std::string before = t.table_bytes();
  PasswordsResult r = set_password_lines(t.domain(), "nobody x\n", fake_hash);
  CHECK(r.changed.empty());
  CHECK(r.problems == std::vector<std::string>{"line 1: account 'nobody' does not exist"});
  CHECK(t.table_bytes() == before);
}

TEST_CASE("account_password: a temporary failure changes nothing") {
  TempHome t;
  t.put("a", full_record());
  t.put("b", full_record());
  const std::string before = t.table_bytes();
  auto failing = [](std::string_view pw) -> std::string {
    if (pw == "2") throw Error(ErrorClass::temporary, "unable to hash password: out of memory");
    return "H";
  };
  CHECK(error_of([&] { set_password_lines(t.domain(), "a 1\nb 2\n", failing); }, ErrorClass::temporary) ==
        "unable to hash password: out of memory");
  CHECK(t.table_bytes() == before);
}
