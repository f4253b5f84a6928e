#include "auth/rehash.h"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "../domain/login_testing.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/password.h"
#include "store/table_lock.h"
#include "sys/error.h"
#include "system_fake.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::auth;
using namespace vmm::login_testing;
using namespace vmm::testing;
namespace domain = vmm::domain;
namespace store = vmm::store;
using namespace std::chrono_literals;

namespace {

vmm::fmt::Record read_record(const std::string& home, const char* name) {
  vmm::fmt::Record r;
  REQUIRE(store::Table(home).read().find(name, r) == store::Lookup::found);
  return r;
}

}  // namespace

TEST_CASE("wants_rehash: legacy hashes, unless rehash-on-login is 0") {
  TempDir d;
  auto config = [&] { return domain::Config(d / "etc", "").for_domain(d.path); };
  vmm::fmt::Record r;
  r.password = kMd5CryptHash;
  CHECK(wants_rehash(config(), r));
  r.password = "$0$plain";
  CHECK(wants_rehash(config(), r));
  r.password = domain::hash_password("x");
  CHECK_FALSE(wants_rehash(config(), r));
  r.password = "*";
  CHECK_FALSE(wants_rehash(config(), r));
  r.password = kMd5CryptHash;
  write_file(d / ".vmailmgr/rehash-on-login", "0\n");
  CHECK_FALSE(wants_rehash(config(), r));
  write_file(d / "etc/rehash-on-login", "0\n");
  write_file(d / ".vmailmgr/rehash-on-login", "1\n");  // per-domain wins
  CHECK(wants_rehash(config(), r));
}

TEST_CASE("rehash_password: replaces the hash only, only if unchanged") {
  TempDir d;
  vmm::fmt::Record greta = mailbox("greta", kMd5CryptHash);
  greta.personal = "Greta";
  greta.hard_quota = 5242880;
  greta.forwards = {"a@b.example"};
  put_accounts(d.path, {{"greta", greta}, {"kai", mailbox("kai", "$0$kai")}});
  store::Table table(d.path);
  CHECK(rehash_password(table, "greta", kMd5CryptHash, kMd5CryptPassword, 2s) ==
        RehashResult::stored);
  vmm::fmt::Record now = read_record(d.path, "greta");
  CHECK(now.password.rfind("$y$", 0) == 0);
  CHECK(domain::check_password(now.password, kMd5CryptPassword) == domain::PasswordCheck::match);
  vmm::fmt::Record expected = greta;
  expected.password = now.password;
  CHECK(now == expected);
  CHECK(read_record(d.path, "kai").password == "$0$kai");
  // Changed meanwhile (another rehash, a vpasswd): left alone.
  CHECK(rehash_password(table, "greta", kMd5CryptHash, kMd5CryptPassword, 2s) ==
        RehashResult::changed);
  CHECK(read_record(d.path, "greta").password == now.password);
  CHECK(rehash_password(table, "gone", "$0$x", "x", 2s) == RehashResult::changed);
}

TEST_CASE("rehash_password: a held lock makes it give up after the bound") {
  TempDir d;
  put_accounts(d.path, {{"kai", mailbox("kai", "$0$kai")}});
  store::TableLock held(d / "passwd.lock", 1s);
  store::Table table(d.path);
  // The fcntl lock of this process would not block itself: ask from a child.
  int status = -1;
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 0;
    try {
      rehash_password(table, "kai", "$0$kai", "kai", 200ms);
      code = 1;
    } catch (const Error& e) {
      code = e.cls() == ErrorClass::temporary &&
                     std::string(e.what()) == "unable to lock " + d / "passwd.lock" +
                                                  ": another writer holds it"
                 ? 0
                 : 2;
    }
    ::_exit(code);
  }
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(read_record(d.path, "kai").password == "$0$kai");
}

namespace {

// A domain with one legacy account, and the login that just proved its password.
struct LegacyLogin {
  TempDir d;
  std::string home = d / "home";
  vmm::auth_testing::FakeAuthSystem sys;
  FakeUserDb users;
  HookSite site{domain::Config(d / "etc", ""), std::nullopt, {}};
  LegacyLogin() {
    write_file(d / "etc/qmail-root", d / "qmail");
    write_file(d / "qmail/control/virtualdomains", "example.com:vmbase\n");
    users.add("vmbase", 2001, 2002, home);
    users.add("bob", 1001, 1001, d / "bob", std::string(kMd5CryptHash));
    std::filesystem::create_directories(home);
    put_accounts(home, {{"old", mailbox("old", kMd5CryptHash)}});
  }
  VerifiedLogin login(const std::string& who) {
    vmm::fmt::CheckpasswordRequest c;
    c.login = who;
    c.password = kMd5CryptPassword;
    VerifiedLogin v = authenticate(c, {}, sys, users, domain::Config(d / "etc", ""), site);
    sys.log.clear();
    return v;
  }
};

}  // namespace

TEST_CASE("rehash_on_login: as root, borrowing the base user; directly as the base user") {
  LegacyLogin l;
  rehash_on_login(l.sys, l.login("old@example.com"), kMd5CryptPassword);
  CHECK(l.sys.log == std::vector<std::string>{"borrow vmbase {", "}"});
  CHECK(read_record(l.home, "old").password.rfind("$y$", 0) == 0);

  LegacyLogin m;
  m.sys.current_uid = 2001;
  rehash_on_login(m.sys, m.login("old@example.com"), kMd5CryptPassword);
  CHECK(m.sys.log.empty());
  CHECK(read_record(m.home, "old").password.rfind("$y$", 0) == 0);
}

TEST_CASE("rehash_on_login: not for a stranger's uid, a system user, or when switched off") {
  LegacyLogin l;
  l.sys.current_uid = 3000;
  rehash_on_login(l.sys, l.login("old@example.com"), kMd5CryptPassword);
  CHECK(read_record(l.home, "old").password == kMd5CryptHash);

  LegacyLogin s;
  rehash_on_login(s.sys, s.login("bob"), kMd5CryptPassword);
  CHECK(s.sys.log.empty());

  LegacyLogin off;
  write_file(off.home + "/.vmailmgr/rehash-on-login", "0\n");
  rehash_on_login(off.sys, off.login("old@example.com"), kMd5CryptPassword);
  CHECK(read_record(off.home, "old").password == kMd5CryptHash);
}

TEST_CASE("rehash_on_login: a current hash borrows nothing and changes nothing") {
  LegacyLogin l;
  put_accounts(l.home, {{"new", mailbox("new", domain::hash_password("new-secret"))}});
  const std::string before = read_record(l.home, "new").password;
  vmm::fmt::CheckpasswordRequest c;
  c.login = "new@example.com";
  c.password = "new-secret";
  VerifiedLogin v = authenticate(c, {}, l.sys, l.users, domain::Config(l.d / "etc", ""), l.site);
  l.sys.log.clear();
  rehash_on_login(l.sys, v, "new-secret");
  CHECK(l.sys.log.empty());
  CHECK(read_record(l.home, "new").password == before);
}

TEST_CASE("rehash_on_login: a failure is one warning, never an exception") {
  LegacyLogin l;
  VerifiedLogin v = l.login("old@example.com");
  std::filesystem::remove(l.home + "/passwd.lock");
  std::filesystem::create_directory(l.home + "/passwd.lock");  // cannot be locked
  rehash_on_login(l.sys, v, kMd5CryptPassword);
  REQUIRE(l.sys.lines("warn").size() == 1);
  CHECK(l.sys.lines("warn")[0].rfind("warn unable to rehash the password of old@example.com: ", 0) ==
        0);
  CHECK(read_record(l.home, "old").password == kMd5CryptHash);
}
