// The whole checkvpw flow against a recording fake process (auth_fake.h),
// real files for configuration, control files, tables and hooks.
#include "auth/checkpassword_login.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../domain/login_testing.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/password.h"
#include "system_fake.h"

using vmm::Error;
using vmm::ErrorClass;
using vmm::auth::AuthOutcome;
using vmm::auth::checkvpw;
using namespace vmm::auth_testing;
using namespace vmm::login_testing;
using namespace vmm::testing;
namespace domain = vmm::domain;
namespace store = vmm::store;

namespace {

const std::string& joe_hash() {
  static const std::string h = domain::hash_password("joe-pw");
  return h;
}

std::string req(const std::string& login, const std::string& password) {
  return login + std::string(1, '\0') + password + std::string(1, '\0') + std::string(1, '\0');
}

struct Result {
  bool executed = false;
  std::vector<std::string> argv;  // what was exec'd
  AuthOutcome outcome;
};

// One installation: global settings, qmail control files, a base user with a
// domain table, a system user; hooks are added per test.
struct World {
  TempDir dir;
  std::string etc = dir / "etc", qmail = dir / "qmail", home = dir / "home/vmbase";
  FakeUserDb users;
  FakeAuthSystem sys;

  World() {
    write_file(etc + "/qmail-root", qmail + "\n");
    write_file(qmail + "/control/virtualdomains", "example.com:vmbase\nrootdom.test:root\n");
    write_file(qmail + "/control/locals", "localhost\n");
    users.add("vmbase", 2001, 2002, home);
    users.add("bob", 1001, 1001, dir / "home/bob", std::string("$0$bob-pw"));
    users.add("root", 0, 0, dir / "root", std::string("$0$root-pw"));
    std::filesystem::create_directories(home);
    std::filesystem::create_directories(dir / "root");
    vmm::fmt::Record joe = mailbox("joe", joe_hash());
    joe.hard_quota = 5000000;
    joe.personal = "Joe Example";
    vmm::fmt::Record dora = mailbox("dora", joe_hash());
    dora.mailbox_enabled = false;
    vmm::fmt::Record eve = mailbox("eve", joe_hash());
    eve.expiry = sys.clock - 1;
    vmm::fmt::Record sales = alias("sales", {"joe"});
    sales.password = joe_hash();
    put_accounts(home, {{"joe", joe},
                        {"old", mailbox("old", kMd5CryptHash)},
                        {"dora", dora},
                        {"eve", eve},
                        {"sales", sales},
                        {"+", alias("+", {"joe"})}});
    put_accounts(dir / "root", {{"joe", mailbox("joe", joe_hash())}});
    sys.directories.insert(home + "/users/joe");
  }
  domain::Config global() const { return domain::Config(etc, ""); }
  void hook(const std::string& where, const std::string& name) {
    write_file(where + "/" + name, "#!/bin/sh\n", 0755);
  }
  void domain_setting(const std::string& name, const std::string& value) {
    write_file(home + "/.vmailmgr/" + name, value + "\n");
  }
  Result login(const std::string& request, std::vector<std::string> argv = {"/bin/prog",
                                                                             "Maildir"}) {
    sys.request = request;
    return run(argv);
  }
  Result run(const std::vector<std::string>& argv) {
    Result r;
    try {
      r.outcome = checkvpw(argv, sys, users, global());
    } catch (const Executed& e) {
      r.executed = true;
      r.argv = e.argv;
    }
    return r;
  }
  std::string stored_hash(const std::string& account) const {
    vmm::fmt::Record r;
    REQUIRE(store::Table(home).read().find(account, r) == store::Lookup::found);
    return r.password;
  }
};

void check_failed(const Result& r, int status, const std::string& message) {
  CHECK_FALSE(r.executed);
  CHECK(r.outcome.status == status);
  REQUIRE(r.outcome.failure.has_value());
  CHECK(std::string(r.outcome.failure->what()) == message);
}

}  // namespace

TEST_CASE("checkvpw classic: the exact order of a virtual login as root") {
  World w;
  for (const char* h : {"checkvpw-presetuid", "checkvpw-postsetuid"}) {
    w.hook(w.etc, h);
    w.hook(w.home + "/.vmailmgr", h);
  }
  w.sys.environment["CHECKVPW_ERROR"] = "left over";
  Result r = w.login(req("joe@example.com", "joe-pw"), {"/bin/prog", "-v", "./Maildir/", "x"});
  REQUIRE(r.executed);
  const std::string dh = w.home + "/.vmailmgr/";
  CHECK(w.sys.log == std::vector<std::string>{
                         "read fd 3",
                         "borrow vmbase {",  // the table is read with the base user's rights
                         "}",
                         "unset CHECKVPW_ERROR",
                         "set USER=vmbase",
                         "set HOME=" + w.home,
                         "set SHELL=/bin/sh",
                         "set VUSER=joe",
                         "set VUSER_CTIME=1700000000",
                         "set VUSER_EXPIRY=-",
                         "set VUSER_HARDQUOTA=5000000",
                         "set VUSER_SOFTQUOTA=-",
                         "set VUSER_MSGSIZE=-",
                         "set VUSER_MSGCOUNT=-",
                         "set VUSER_PERSONAL=Joe Example",
                         "set VUSER_HAS_MAILBOX=1",
                         "set VUSER_MAILBOX_ENABLED=1",
                         "run " + w.etc + "/checkvpw-presetuid (uid 0)",
                         "borrow vmbase {",
                         "run " + dh + "checkvpw-presetuid (uid 2001)",
                         "}",
                         "become vmbase 2001 2002",
                         "chdir " + w.home,
                         "run " + w.etc + "/checkvpw-postsetuid (uid 2001)",
                         "run " + dh + "checkvpw-postsetuid (uid 2001)",
                         "set MAILDIR=" + w.home + "/users/joe",
                         "exec /bin/prog -v " + w.home + "/users/joe x (uid 2001)",
                     });
  CHECK(w.sys.environment.count("CHECKVPW_ERROR") == 0);
  CHECK(w.stored_hash("joe") == joe_hash());  // preferred hash: no rehash
}

TEST_CASE("checkvpw classic: every login form reaches the same account") {
  struct Case {
    const char* login;
    const char* host;
    const char* ip;
    const char* setting;  // extra global setting file "name=value", or ""
  } cases[] = {
      {"joe@example.com", "", "", ""},
      {"JOE@Example.COM", "", "", ""},
      {"joe:example.com", "", "", ""},
      {"joe%example.com", "", "", "separators=@:%"},
      {"vmbase-joe", "", "", ""},
      {"joe", "example.com", "", ""},
      {"joe", "", "192.0.2.7", "ip-domains=192.0.2.7:example.com"},
      {"joe", "", "", "default-domain=example.com"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.login);
    World w;
    if (*c.host) w.sys.environment["TCPLOCALHOST"] = c.host;
    if (*c.ip) w.sys.environment["TCPLOCALIP"] = c.ip;
    std::string s = c.setting;
    if (!s.empty()) write_file(w.etc + "/" + s.substr(0, s.find('=')), s.substr(s.find('=') + 1));
    Result r = w.login(req(c.login, "joe-pw"));
    REQUIRE(r.executed);
    CHECK(r.argv == std::vector<std::string>{"/bin/prog", w.home + "/users/joe"});
    CHECK(w.sys.environment["VUSER"] == "joe");
    CHECK(w.sys.environment["USER"] == "vmbase");
  }
}

TEST_CASE("checkvpw classic: refusals are bad logins, the program never runs") {
  struct Case {
    std::string request;
    const char* message;
  } cases[] = {
      {req("joe@example.com", "wrong"), "wrong password: joe@example.com"},
      {req("joe@example.com", ""), "wrong password: joe@example.com"},
      {req("nobody@example.com", "x"), "unknown user: nobody@example.com"},
      {req("joe@nowhere.test", "x"), "unknown user: joe@nowhere.test"},
      {req("dora@example.com", "joe-pw"), "mailbox is disabled: dora@example.com"},
      {req("dora@example.com", "bad"), "wrong password: dora@example.com"},
      {req("eve@example.com", "joe-pw"), "account has expired: eve@example.com"},
      {req("sales@example.com", "joe-pw"), "account has no mailbox: sales@example.com"},
      {req("+@example.com", "*"), "wrong password: +@example.com"},
      {req("@example.com", "x"), "malformed login"},
      {req("joe@", "x"), "malformed login"},
      {req("../joe@example.com", "x"), "malformed login"},
      {req("joe@rootdom.test", "joe-pw"), "base user root has uid 0: joe@rootdom.test"},
      {req("bob", "wrong"), "wrong password: bob"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    World w;
    w.hook(w.etc, "checkvpw-loginfail");
    w.hook(w.home + "/.vmailmgr", "checkvpw-loginfail");
    w.hook(w.etc, "checkvpw-error");
    Result r = w.login(c.request);
    check_failed(r, 1, c.message);
    CHECK(w.sys.environment["CHECKVPW_ERROR"] == c.message);
    CHECK(w.sys.lines("exec").empty());
    CHECK(w.sys.lines("become").empty());
    CHECK(w.sys.lines("run " + w.etc + "/checkvpw-loginfail") ==
          std::vector<std::string>{"run " + w.etc + "/checkvpw-loginfail (uid 0)"});
    CHECK(w.sys.lines("run " + w.etc + "/checkvpw-error").empty());
  }
}

TEST_CASE("checkvpw: the per-domain loginfail hook runs as the base user") {
  World w;
  w.hook(w.home + "/.vmailmgr", "checkvpw-loginfail");
  Result r = w.login(req("joe@example.com", "wrong"));
  check_failed(r, 1, "wrong password: joe@example.com");
  CHECK(w.sys.log == std::vector<std::string>{
                         "read fd 3",
                         "borrow vmbase {",
                         "}",
                         "set CHECKVPW_ERROR=wrong password: joe@example.com",
                         "borrow vmbase {",
                         "run " + w.home + "/.vmailmgr/checkvpw-loginfail (uid 2001)",
                         "}",
                     });
}

TEST_CASE("checkvpw: a failing loginfail hook is a warning, the code stays 1") {
  World w;
  w.hook(w.etc, "checkvpw-loginfail");
  w.sys.exit_of[w.etc + "/checkvpw-loginfail"] = 7;
  Result r = w.login(req("joe@example.com", "wrong"));
  check_failed(r, 1, "wrong password: joe@example.com");
  CHECK(w.sys.lines("warn") == std::vector<std::string>{
                                   "warn hook " + w.etc +
                                   "/checkvpw-loginfail exited with status 7"});
}

TEST_CASE("checkvpw: misuse is exit 2 and runs checkvpw-error") {
  World w;
  w.hook(w.etc, "checkvpw-error");
  w.hook(w.etc, "checkvpw-loginfail");
  SUBCASE("no program") {
    w.sys.request = req("joe@example.com", "joe-pw");
    check_failed(w.run({}), 2, "no program to run");
    CHECK(w.sys.lines("read").empty());  // fd 3 is not even read
  }
  SUBCASE("fd 3 closed") {
    check_failed(w.run({"/bin/prog"}), 2, "fd 3 is not open: no checkpassword input");
  }
  SUBCASE("empty fd 3") { check_failed(w.login(""), 2, "checkpassword input is empty"); }
  SUBCASE("missing NULs") {
    check_failed(w.login("joe@example.com"), 2, "checkpassword input holds no NUL byte");
  }
  SUBCASE("bad CHECKVPW_MODE") {
    w.sys.environment["CHECKVPW_MODE"] = "qmail";
    check_failed(w.login(req("joe@example.com", "joe-pw")), 2,
                 "CHECKVPW_MODE must be dovecot or classic, not 'qmail'");
  }
  CHECK(w.sys.lines("run") == std::vector<std::string>{"run " + w.etc + "/checkvpw-error (uid 0)"});
  CHECK(w.sys.lines("exec").empty());
  CHECK(w.sys.environment.count("CHECKVPW_ERROR") == 1);
}

TEST_CASE("checkvpw: temporary failures are 111 and run checkvpw-error") {
  World w;
  w.hook(w.etc, "checkvpw-error");
  SUBCASE("corrupt table") {
    write_file(w.home + "/passwd.cdb", "not a cdb", 0600);
    Result r = w.login(req("joe@example.com", "joe-pw"));
    CHECK(r.outcome.status == 111);
    REQUIRE(r.outcome.failure.has_value());
    CHECK(std::string(r.outcome.failure->what()).rfind(w.home + "/passwd.cdb", 0) == 0);
  }
  SUBCASE("a hook that fails") {
    w.hook(w.etc, "checkvpw-presetuid");
    w.sys.exit_of[w.etc + "/checkvpw-presetuid"] = 3;
    check_failed(w.login(req("joe@example.com", "joe-pw")), 111,
                 "hook " + w.etc + "/checkvpw-presetuid exited with status 3");
    CHECK(w.sys.lines("become").empty());
  }
  SUBCASE("a per-domain hook that fails after the switch") {
    w.hook(w.home + "/.vmailmgr", "checkvpw-postsetuid");
    w.sys.exit_of[w.home + "/.vmailmgr/checkvpw-postsetuid"] = 1;
    check_failed(w.login(req("joe@example.com", "joe-pw")), 111,
                 "hook " + w.home + "/.vmailmgr/checkvpw-postsetuid exited with status 1");
    CHECK(w.sys.lines("become").size() == 1);
  }
  SUBCASE("not root and not the base user") {
    w.sys.current_uid = 5000;
    check_failed(w.login(req("joe@example.com", "joe-pw")), 111,
                 "unable to switch to user vmbase: running as uid 5000, not as root");
  }
  SUBCASE("the program cannot be executed") {
    w.sys.unrunnable.insert("/bin/prog");
    check_failed(w.login(req("joe@example.com", "joe-pw")), 111,
                 "unable to run /bin/prog: No such file or directory");
  }
  SUBCASE("a bad number in a setting") {
    write_file(w.etc + "/system-logins", "yes\n");
    check_failed(w.login(req("bob", "bob-pw")), 111, w.etc + "/system-logins: bad number 'yes'");
  }
  CHECK(w.sys.lines("run " + w.etc + "/checkvpw-error").size() == 1);
  CHECK(w.sys.environment.count("CHECKVPW_ERROR") == 1);
}

TEST_CASE("checkvpw classic: already the base user: no switch; Maildir argument rules") {
  World w;
  w.sys.current_uid = 2001;
  SUBCASE("the marker picks the argument, case-insensitively; prog itself never") {
    Result r = w.login(req("joe@example.com", "joe-pw"), {"/opt/maildir/pop3d", "a", "MailDir", "b"});
    REQUIRE(r.executed);
    CHECK(r.argv == std::vector<std::string>{"/opt/maildir/pop3d", "a", w.home + "/users/joe", "b"});
  }
  SUBCASE("no marker: the last argument") {
    Result r = w.login(req("joe@example.com", "joe-pw"), {"/bin/prog", "a", "b"});
    CHECK(r.argv == std::vector<std::string>{"/bin/prog", "a", w.home + "/users/joe"});
  }
  SUBCASE("no argument: nothing rewritten, MAILDIR still set") {
    Result r = w.login(req("joe@example.com", "joe-pw"), {"/bin/prog"});
    CHECK(r.argv == std::vector<std::string>{"/bin/prog"});
  }
  SUBCASE("a missing Maildir gives error-maildir") {
    w.sys.directories.clear();
    Result r = w.login(req("joe@example.com", "joe-pw"));
    CHECK(r.argv == std::vector<std::string>{"/bin/prog", "/var/lib/vmailmgr/error-maildir/"});
    CHECK(w.sys.environment["MAILDIR"] == "/var/lib/vmailmgr/error-maildir/");
  }
  CHECK(w.sys.lines("become").empty());
  CHECK(w.sys.lines("chdir") == std::vector<std::string>{"chdir " + w.home});
  if (w.sys.environment["MAILDIR"] != "/var/lib/vmailmgr/error-maildir/")
    CHECK(w.sys.environment["MAILDIR"] == w.home + "/users/joe");
}

TEST_CASE("checkvpw classic: system users") {
  World w;
  const std::string bob_home = w.dir / "home/bob";
  w.sys.directories.insert("Mail/box");
  w.sys.directories.insert("Maildir");
  w.sys.environment["VUSER_PERSONAL"] = "from the server";
  SUBCASE("the Maildir argument stays as given") {
    Result r = w.login(req("bob", "bob-pw"), {"/bin/prog", "Mail/box"});
    CHECK(r.argv == std::vector<std::string>{"/bin/prog", "Mail/box"});
    CHECK(w.sys.environment["MAILDIR"] == "Mail/box");
  }
  SUBCASE("no argument: default-maildir") {
    Result r = w.login(req("bob@localhost", "bob-pw"), {"/bin/prog"});
    CHECK(r.argv == std::vector<std::string>{"/bin/prog"});
    CHECK(w.sys.environment["MAILDIR"] == "Maildir");
  }
  CHECK(w.sys.lines("become") == std::vector<std::string>{"become bob 1001 1001"});
  CHECK(w.sys.environment["USER"] == "bob");
  CHECK(w.sys.environment["HOME"] == bob_home);
  CHECK(w.sys.environment["VUSER"] == "");
  CHECK(w.sys.environment.count("VUSER_PERSONAL") == 0);
  CHECK(w.sys.lines("chdir") == std::vector<std::string>{"chdir " + bob_home});
}

TEST_CASE("checkvpw classic: root never logs in, even with its password; system-logins 0 stops all") {
  World w;
  check_failed(w.login(req("root", "root-pw"), {"/bin/prog"}), 1, "user root has uid 0: root");
  CHECK(w.sys.lines("become").empty());
  World off;
  write_file(off.etc + "/system-logins", "0\n");
  check_failed(off.login(req("root", "root-pw")), 1, "user root has uid 0: root");
  check_failed(off.login(req("bob", "bob-pw")), 1, "system-user logins are disabled: bob");
  CHECK(off.login(req("joe@example.com", "joe-pw")).executed);  // virtual accounts still log in
}

TEST_CASE("checkvpw: checkvpw-postexec makes it fork and wait, passing the status through") {
  World w;
  w.hook(w.etc, "checkvpw-postexec");
  w.hook(w.home + "/.vmailmgr", "checkvpw-postexec");
  w.sys.exit_of["/bin/prog"] = 42;
  w.sys.exit_of[w.etc + "/checkvpw-postexec"] = 9;  // only a warning
  Result r = w.login(req("joe@example.com", "joe-pw"));
  CHECK_FALSE(r.executed);
  CHECK(r.outcome.status == 42);
  CHECK_FALSE(r.outcome.failure.has_value());
  CHECK(w.sys.lines("run") == std::vector<std::string>{
                                  "run /bin/prog " + w.home + "/users/joe (uid 2001)",
                                  "run " + w.etc + "/checkvpw-postexec (uid 2001)",
                              });
  CHECK(w.sys.lines("warn") == std::vector<std::string>{
                                   "warn hook " + w.etc + "/checkvpw-postexec exited with status 9"});
}

TEST_CASE("checkvpw: rehash on login of a legacy hash, as the base user") {
  World w;
  SUBCASE("classic: after the switch") {
    Result r = w.login(req("old@example.com", kMd5CryptPassword));
    REQUIRE(r.executed);
    CHECK(w.sys.lines("borrow").size() == 1);  // only to read the table: the rehash is after the switch
  }
  SUBCASE("dovecot, as root: borrowed") {
    w.sys.environment["ORIG_UID"] = "0";
    Result r = w.login(req("old@example.com", kMd5CryptPassword), {"/usr/lib/reply"});
    REQUIRE(r.executed);
    CHECK(w.sys.lines("borrow") == std::vector<std::string>{"borrow vmbase {", "borrow vmbase {"});
  }
  const std::string fresh = w.stored_hash("old");
  CHECK(fresh.rfind("$y$", 0) == 0);
  CHECK(domain::check_password(fresh, kMd5CryptPassword) == domain::PasswordCheck::match);
  vmm::fmt::Record r;
  store::Table(w.home).read().find("old", r);
  CHECK(r.directory == "./users/old");
  CHECK(r.ctime == 1700000000);
  CHECK(w.sys.lines("warn").empty());
}

TEST_CASE("checkvpw: no rehash when switched off, for lookups, or as a stranger") {
  World w;
  SUBCASE("rehash-on-login 0") {
    w.domain_setting("rehash-on-login", "0");
    CHECK(w.login(req("old@example.com", kMd5CryptPassword)).executed);
  }
  SUBCASE("a Dovecot lookup knows no password") {
    w.sys.environment["ORIG_UID"] = "0";
    w.sys.environment["AUTHORIZED"] = "1";
    CHECK(w.login(req("old@example.com", ""), {"/usr/lib/reply"}).executed);
  }
  SUBCASE("running as another user in Dovecot mode") {
    w.sys.environment["CHECKVPW_MODE"] = "dovecot";
    w.sys.current_uid = 105;
    CHECK(w.login(req("old@example.com", kMd5CryptPassword), {"/usr/lib/reply"}).executed);
  }
  CHECK(w.stored_hash("old") == kMd5CryptHash);
  CHECK(w.sys.lines("warn").empty());
}

TEST_CASE("checkvpw: a failed rehash is a warning, the login goes on") {
  World w;
  std::filesystem::remove(w.home + "/passwd.lock");
  std::filesystem::create_directory(w.home + "/passwd.lock");  // the lock cannot be opened
  Result r = w.login(req("old@example.com", kMd5CryptPassword));
  CHECK(r.executed);
  std::vector<std::string> warnings = w.sys.lines("warn");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].rfind("warn unable to rehash the password of old@example.com: ", 0) == 0);
  CHECK(w.stored_hash("old") == kMd5CryptHash);
}

TEST_CASE("checkvpw dovecot: userdb fields through EXTRA, no uid change") {
  World w;
  w.sys.environment["ORIG_UID"] = "0";
  w.sys.environment["TCPLOCALIP"] = "127.0.0.1";
  w.hook(w.etc, "checkvpw-presetuid");
  w.hook(w.home + "/.vmailmgr", "checkvpw-postsetuid");
  Result r = w.login(req("Joe@Example.com", "joe-pw"), {"/usr/lib/dovecot/checkpassword-reply"});
  REQUIRE(r.executed);
  CHECK(r.argv == std::vector<std::string>{"/usr/lib/dovecot/checkpassword-reply"});
  const std::string maildir = w.home + "/users/joe";
  CHECK(w.sys.log == std::vector<std::string>{
                         "read fd 3",
                         "borrow vmbase {",
                         "}",
                         "unset CHECKVPW_ERROR",
                         "set USER=joe@example.com",
                         "set HOME=" + maildir,
                         "set MAILDIR=" + maildir,
                         "set VUSER=joe",
                         "set VUSER_CTIME=1700000000",
                         "set VUSER_EXPIRY=-",
                         "set VUSER_HARDQUOTA=5000000",
                         "set VUSER_SOFTQUOTA=-",
                         "set VUSER_MSGSIZE=-",
                         "set VUSER_MSGCOUNT=-",
                         "set VUSER_PERSONAL=Joe Example",
                         "set VUSER_HAS_MAILBOX=1",
                         "set VUSER_MAILBOX_ENABLED=1",
                         "set userdb_uid=2001",
                         "set userdb_gid=2002",
                         "set userdb_home=" + maildir,
                         "set userdb_mail=maildir:" + maildir,
                         "set userdb_quota_rule=*:storage=5000000B",
                         "set EXTRA=userdb_uid userdb_gid userdb_home userdb_mail userdb_quota_rule",
                         "run " + w.etc + "/checkvpw-presetuid (uid 0)",
                         // no rehash: a current hash reads no setting, borrows nothing
                         "borrow vmbase {",
                         "run " + w.home + "/.vmailmgr/checkvpw-postsetuid (uid 2001)",
                         "}",
                         "exec /usr/lib/dovecot/checkpassword-reply (uid 0)",
                     });
}

TEST_CASE("checkvpw dovecot: AUTHORIZED lookups answer 2 (exec) or 3") {
  World w;
  w.sys.environment["ORIG_UID"] = "0";
  w.sys.environment["AUTHORIZED"] = "1";
  w.hook(w.etc, "checkvpw-presetuid");
  w.hook(w.etc, "checkvpw-loginfail");
  SUBCASE("an existing account, no password needed") {
    Result r = w.login(req("joe@example.com", ""), {"/usr/lib/reply"});
    REQUIRE(r.executed);
    CHECK(w.sys.environment["AUTHORIZED"] == "2");
    CHECK(w.sys.environment["USER"] == "joe@example.com");
    CHECK(w.sys.lines("run").empty());  // a lookup is not a login: no login hooks
  }
  SUBCASE("unknown, alias, expired, disabled: 3") {
    for (const char* who : {"nobody@example.com", "sales@example.com", "+@example.com",
                            "eve@example.com", "dora@example.com"}) {
      CAPTURE(who);
      Result r = w.login(req(who, ""), {"/usr/lib/reply"});
      CHECK_FALSE(r.executed);
      CHECK(r.outcome.status == 3);
    }
    CHECK(w.sys.lines("run " + w.etc + "/checkvpw-loginfail").size() == 5);
  }
  SUBCASE("AUTHORIZED in classic mode is ignored: the password is checked") {
    w.sys.environment.erase("ORIG_UID");
    check_failed(w.login(req("joe@example.com", ""), {"/usr/lib/reply"}), 1,
                 "wrong password: joe@example.com");
  }
}

TEST_CASE("checkvpw dovecot: system users and the forced mode") {
  World w;
  w.sys.environment["CHECKVPW_MODE"] = "dovecot";
  Result r = w.login(req("bob", "bob-pw"), {"/usr/lib/reply"});
  REQUIRE(r.executed);
  const std::string bob_home = w.dir / "home/bob";
  CHECK(w.sys.environment["USER"] == "bob");
  CHECK(w.sys.environment["HOME"] == bob_home);
  CHECK(w.sys.environment["MAILDIR"] == bob_home + "/Maildir");
  CHECK(w.sys.environment["userdb_mail"] == "maildir:" + bob_home + "/Maildir");
  CHECK(w.sys.environment["EXTRA"] == "userdb_uid userdb_gid userdb_home userdb_mail");
  CHECK(w.sys.environment.count("userdb_quota_rule") == 0);
  CHECK(w.sys.lines("become").empty());
  CHECK(w.sys.lines("chdir").empty());
  // CHECKVPW_MODE=classic wins over ORIG_UID.
  World c;
  c.sys.environment["ORIG_UID"] = "0";
  c.sys.environment["CHECKVPW_MODE"] = "classic";
  CHECK(c.login(req("joe@example.com", "joe-pw")).executed);
  CHECK(c.sys.lines("become").size() == 1);
}

TEST_CASE("checkvpw: a bare program name is looked up in PATH, after the switch") {
  World w;
  write_file(w.dir / "bin/pop3d", "#!/bin/sh\n", 0755);
  w.sys.environment["PATH"] = w.dir / "nothing" + ":" + w.dir / "bin";
  Result r = w.login(req("joe@example.com", "joe-pw"), {"pop3d", "Maildir"});
  REQUIRE(r.executed);
  CHECK(r.argv == std::vector<std::string>{w.dir / "bin/pop3d", w.home + "/users/joe"});
  World missing;
  missing.sys.environment["PATH"] = missing.dir / "nothing";
  Result m = missing.login(req("joe@example.com", "joe-pw"), {"pop3d", "Maildir"});
  CHECK(m.argv == std::vector<std::string>{"pop3d", missing.home + "/users/joe"});
}
