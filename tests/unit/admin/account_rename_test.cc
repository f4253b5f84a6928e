#include "admin/account_rename.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "../domain/login_testing.h"
#include "../testing/errors.h"
#include "../testing/files.h"
#include "base_home_testing.h"
#include "domain/account_dir.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;
namespace fs = std::filesystem;

namespace {

using Names = std::vector<std::string>;
using Forwards = std::optional<std::vector<std::string>>;
const Names kDomains{"example.com", "example.net"};
constexpr const char* kMessage = "new/1700000000.M1P1.host";

void maildir(const std::string& dir) {
  for (const char* sub : {"cur", "new", "tmp"}) fs::create_directories(dir + "/" + sub);
}

fmt::Record forwarding(Names to) {
  fmt::Record r = alias(std::move(to));
  return r;
}

// joe (a Maildir with one message), amy, and aliases naming joe.
void domain_with_joe(const TempHome& h) {
  const domain::Domain d = h.domain();
  const std::string joe_dir = d.new_account_dir("joe"), amy_dir = d.new_account_dir("amy");
  h.put("joe", dated_mailbox(joe_dir));
  h.put("amy", dated_mailbox(amy_dir));
  h.put("sales", forwarding({"joe", "amy", "Joe@Example.COM", "joe@other.example", "joe@"}));
  h.put("team", forwarding({"joe@example.net"}));
  maildir(d.absolute(joe_dir));
  maildir(d.absolute(amy_dir));
  write_file(d.absolute(joe_dir) + "/" + kMessage, "Subject: hi\n\nbody\n");
}

bool is_symlink(const std::string& path) { return fs::is_symlink(fs::symlink_status(path)); }

}  // namespace

TEST_CASE("renamed_forwards: the account's own name and its addresses in this domain") {
  CHECK(renamed_forwards({"joe"}, "joe", "jim", kDomains) == Forwards(Names{"jim"}));
  CHECK(renamed_forwards({"JOE", "amy"}, "joe", "jim", kDomains) == Forwards(Names{"jim", "amy"}));
  CHECK(renamed_forwards({"joe@Example.NET"}, "joe", "jim", kDomains) ==
        Forwards(Names{"jim@Example.NET"}));
  CHECK(renamed_forwards({"a@b.example", "Joe@example.com", "x"}, "joe", "jim", kDomains) ==
        Forwards(Names{"a@b.example", "jim@example.com", "x"}));
  // Not this account: another domain, "joe@" (control/me), a longer name.
  CHECK(renamed_forwards({"joe@other.example", "joe@", "joey", "jo", "x-joe"}, "joe", "jim",
                         kDomains) == std::nullopt);
  CHECK(renamed_forwards({}, "joe", "jim", kDomains) == std::nullopt);
  // No duplicate made: jim already there.
  CHECK(renamed_forwards({"joe", "jim"}, "joe", "jim", kDomains) == Forwards(Names{"jim"}));
  CHECK(renamed_forwards({"joe", "joe"}, "joe", "jim", kDomains) == Forwards(Names{"jim"}));
  CHECK(renamed_forwards({"joe"}, "joe", "jim", {}) == Forwards(Names{"jim"}));
  CHECK(renamed_forwards({"joe@example.com"}, "joe", "jim", {}) == std::nullopt);
}

TEST_CASE("rename: record, directory with its mail, forwards, last login; one table rewrite") {
  TempHome h;
  domain_with_joe(h);
  const domain::Domain d = h.domain();
  d.last_logins().record("joe", 1800000000);
  const fmt::Record joe = h.record("joe");
  const std::string amy_raw(*h.table().find_raw("amy"));

  Renamed r = rename_account(d, "JOE", "Jim", kDomains);
  CHECK(r.from == "joe");
  CHECK(r.to == "jim");
  CHECK(r.old_dir == "./users/joe");
  CHECK(r.new_dir == "./users/jim");
  CHECK(r.dir_note.empty());
  CHECK(r.finished.empty());
  CHECK(r.problems.empty());
  CHECK(r.forwarders == Names{"sales", "team"});

  store::TableSnapshot t = h.table();
  CHECK_FALSE(t.contains("joe"));
  fmt::Record jim = h.record("jim");
  fmt::Record want = joe;
  want.directory = "./users/jim";
  CHECK(jim == want);
  CHECK(h.record("sales").forwards ==
        Names{"jim", "amy", "jim@Example.COM", "joe@other.example", "joe@"});
  CHECK(h.record("team").forwards == Names{"jim@example.net"});
  CHECK(std::string(*t.find_raw("amy")) == amy_raw);  // untouched records stay byte for byte
  CHECK(t.size() == 4);

  CHECK(file_bytes(h / "users/jim/" + kMessage) == "Subject: hi\n\nbody\n");
  CHECK_FALSE(exists(h / "users/joe"));
  CHECK(list_dir(h / "users") == Names{"amy", "jim"});
  CHECK_FALSE(is_symlink(h / "users/jim"));
  CHECK_FALSE(exists(h / "passwd.rename"));
  CHECK(d.last_logins().find("jim") == std::optional<std::time_t>(1800000000));
  CHECK_FALSE(d.last_logins().find("joe").has_value());
  CHECK(list_dir(h.home) == Names{"last-login", "passwd.cdb", "passwd.lock", "users"});
}

TEST_CASE("rename: in a hashed layout the directory changes hash directories") {
  TempHome h;
  h.set("user-dir-bits", "4\n");
  h.set("user-dir-slices", "2\n");
  domain_with_joe(h);
  const domain::Domain d = h.domain();
  const std::string from = d.new_account_dir("joe"), to = d.new_account_dir("ivar.holm");
  REQUIRE(from != to);
  Renamed r = rename_account(d, "joe", "ivar.holm", kDomains);
  CHECK(r.old_dir == from);
  CHECK(r.new_dir == to);
  CHECK(to.substr(to.rfind('/')) == "/ivar:holm");
  CHECK(h.record("ivar.holm").directory == to);
  CHECK(file_bytes(d.absolute(to) + "/" + kMessage) == "Subject: hi\n\nbody\n");
  CHECK_FALSE(exists(d.absolute(from)));
  // The hash directories joe alone used are gone, amy's stay.
  const std::string amy = d.absolute(d.new_account_dir("amy"));
  CHECK(exists(amy));
  std::string level = d.absolute(from).substr(0, d.absolute(from).rfind('/'));
  if (amy.rfind(level + "/", 0) != 0) CHECK_FALSE(exists(level));
}

TEST_CASE("rename: refusals change nothing") {
  TempHome h;
  domain_with_joe(h);
  const domain::Domain d = h.domain();
  const std::string before = h.table_bytes();
  auto refused = [&](const std::string& from, const std::string& to) {
    const std::string layout = h.listing();
    std::string e = error_of([&] { rename_account(d, from, to, kDomains); });
    CHECK(h.table_bytes() == before);
    CHECK(h.listing() == layout);
    return e;
  };
  CHECK(refused("joe", "amy") == "account 'amy' already exists");
  CHECK(refused("joe", "JOE") == "account 'joe' already exists");
  CHECK(refused("nobody", "jim") == "account 'nobody' does not exist");
  CHECK(refused("joe", "bad/name") == "invalid account name 'bad/name': it contains '/'");
  CHECK(refused("joe", "") == "invalid account name '': it is empty");
  fs::create_directories(h / "users/jim");
  CHECK(refused("joe", "jim") == "directory " + h / "users/jim already exists");
  fs::remove(h / "users/jim");
  fs::create_symlink("/nowhere", h / "users/jim");
  CHECK(refused("joe", "jim") == "directory " + h / "users/jim already exists");
  fs::remove(h / "users/jim");
  fs::rename(h / "users/joe", h / "joe-elsewhere");
  CHECK(refused("joe", "jim") == "directory " + h / "users/joe of account 'joe' is missing");
}

TEST_CASE("rename: aliases and directories vadduser -d chose stay where they are") {
  TempHome h;
  domain_with_joe(h);
  h.put("kim", dated_mailbox("./mail/kim-box"));
  maildir(h / "mail/kim-box");
  const domain::Domain d = h.domain();
  Renamed r = rename_account(d, "kim", "kira", kDomains);
  CHECK(r.new_dir == "./mail/kim-box");
  CHECK(r.dir_note == "directory ./mail/kim-box is not where new accounts of this name go; left where it is");
  CHECK(h.record("kira").directory == "./mail/kim-box");
  CHECK(exists(h / "mail/kim-box/cur"));

  r = rename_account(d, "sales", "orders", kDomains);
  CHECK(r.old_dir.empty());
  CHECK(r.new_dir.empty());
  CHECK(r.dir_note.empty());
  CHECK(h.record("orders").forwards == h.record("orders").forwards);
  CHECK_FALSE(h.table().contains("sales"));
  CHECK_FALSE(exists(h / "passwd.rename"));
}

TEST_CASE("rename: a record that does not decode is reported, the rename goes on") {
  TempHome h;
  domain_with_joe(h);
  h.put_raw("broken", "\x05junk");
  Renamed r = rename_account(h.domain(), "joe", "jim", kDomains);
  CHECK(r.problems ==
        Names{"account 'broken': unknown record version byte 0x05; its forwards were not looked at"});
  CHECK(h.table().contains("jim"));
  CHECK(std::string(*h.table().find_raw("broken")) == "\x05junk");
}

TEST_CASE("rename: an interrupted rename is undone before the table changed, finished after") {
  TempHome h;
  domain_with_joe(h);
  const domain::Domain d = h.domain();
  // The crash came after the link, before the table: undone.
  write_file(h / "passwd.rename", "joe\njim\n" + h / "users/joe\n" + h / "users/jim\njoe\n", 0600);
  fs::create_symlink("joe", h / "users/jim");
  {
    const store::TableLock lock = d.table().lock();
    CHECK(finish_interrupted_rename_unlocked(d) == "undid the unfinished renaming of 'joe' to 'jim'");
  }
  CHECK_FALSE(exists(h / "users/jim"));
  CHECK_FALSE(exists(h / "passwd.rename"));
  CHECK(h.table().contains("joe"));

  // After the table: the link becomes the directory.
  write_file(h / "passwd.rename", "joe\njim\n" + h / "users/joe\n" + h / "users/jim\njoe\n", 0600);
  fs::create_symlink("joe", h / "users/jim");
  fmt::Record jim = h.record("joe");
  jim.directory = "./users/jim";
  d.table().update([&](const store::TableSnapshot&, store::TableChange& c) {
    c.remove("joe");
    c.put("jim", jim);
  });
  d.last_logins().record("joe", 42);
  // The next rename finishes it first, then does its own.
  Renamed r = rename_account(d, "amy", "ann", kDomains);
  CHECK(r.finished == "finished renaming 'joe' to 'jim'");
  CHECK_FALSE(is_symlink(h / "users/jim"));
  CHECK(file_bytes(h / "users/jim/" + kMessage) == "Subject: hi\n\nbody\n");
  CHECK(list_dir(h / "users") == Names{"ann", "jim"});
  CHECK(d.last_logins().find("jim") == std::optional<std::time_t>(42));
  CHECK_FALSE(exists(h / "passwd.rename"));

  // Exchanged already, the old place a link: only the link goes.
  write_file(h / "passwd.rename", "ann\nanna\n" + h / "users/ann\n" + h / "users/anna\nann\n", 0600);
  fmt::Record anna = h.record("ann");
  anna.directory = "./users/anna";
  d.table().update([&](const store::TableSnapshot&, store::TableChange& c) {
    c.remove("ann");
    c.put("anna", anna);
  });
  fs::rename(h / "users/ann", h / "users/anna");
  fs::create_symlink("ann", h / "users/ann");
  {
    const store::TableLock lock = d.table().lock();
    CHECK(finish_interrupted_rename_unlocked(d) == "finished renaming 'ann' to 'anna'");
  }
  CHECK(list_dir(h / "users") == Names{"anna", "jim"});

  // A journal that is not one stops every rename until someone looks.
  write_file(h / "passwd.rename", "garbage", 0600);
  CHECK(error_of([&] { rename_account(d, "jim", "joe", kDomains); }) ==
        h / "passwd.rename is not a journal of vrenuser: look at it, then remove it");
  CHECK(h.table().contains("jim"));
}

TEST_CASE("rename: the mail domains of a home") {
  TempHome h;
  login_testing::FakeUserDb users;
  users.add("vmbase", 2001, 2001, h.home + "/");
  users.add("other", 2002, 2002, h.root + "/other");
  write_file(h.etc + "/qmail-root", h.root + "/qmail\n");
  write_file(h.root + "/qmail/control/virtualdomains",
             "example.com:vmbase\n.wild.example:vmbase\nexample.org:other\n"
             "Example.NET:vmbase\nghost.example:nosuchuser\n");
  CHECK(domains_of_home(h.domain(), users) == Names{"example.com", "example.net"});
}

TEST_CASE("rename: a renamer killed at any moment leaves the old or the new state, whole") {
  TempHome h;
  domain_with_joe(h);
  h.put("sales", forwarding({"joe", "amy", "joe@Example.COM", "joe@other.example", "joe@"}));
  const domain::Domain d = h.domain();
  std::mt19937 random(20261203);
  std::uniform_int_distribution<int> delay_us(0, 12000);
  int journal_left = 0, link_left = 0, bad = 0;
  constexpr int kRounds = 120;
  for (int round = 0; round < kRounds; ++round) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      try {
        // Back and forth forever: joe <-> jim.
        for (;;) {
          const bool joe = d.table().read().contains("joe");
          rename_account(d, joe ? "joe" : "jim", joe ? "jim" : "joe", kDomains);
        }
      } catch (...) {
        ::_exit(3);
      }
    }
    ::usleep(static_cast<useconds_t>(delay_us(random)));
    ::kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFSIGNALED(status));  // it never failed on its own
    if (exists(h / "passwd.rename")) ++journal_left;
    if (is_symlink(h / "users/joe") || is_symlink(h / "users/jim")) ++link_left;

    // Right after the crash: exactly one name, which works — its directory
    // (maybe through the link) holds the mail, every forward names it.
    store::TableSnapshot t = h.table();
    const bool joe = t.contains("joe"), jim = t.contains("jim");
    const std::string name = joe ? "joe" : "jim";
    fmt::Record r;
    std::string wrong;
    if (joe == jim) wrong += " names";
    if (t.find(name, r) != store::Lookup::found || r.directory != "./users/" + name) wrong += " record";
    if (!exists(h / "users/" + name + "/" + kMessage)) wrong += " mail";
    if (h.record("sales").forwards !=
        Names{name, "amy", name + "@Example.COM", "joe@other.example", "joe@"})
      wrong += " sales";
    if (h.record("team").forwards != Names{name + "@example.net"}) wrong += " team";
    if (t.size() != 4) wrong += " size";
    const std::string after_crash = h.listing();
    // Then the next rename tidies up whatever the crash left.
    Renamed done = rename_account(d, name, name == "joe" ? "jim" : "joe", kDomains);
    const std::string now = done.to;
    if (exists(h / "passwd.rename") || exists(h / "passwd.rename.tmp")) wrong += " journal";
    if (is_symlink(h / "users/" + now)) wrong += " link";
    if (list_dir(h / "users") != Names{"amy", now}) wrong += " users";
    if (!exists(h / "users/" + now + "/" + kMessage) ||
        file_bytes(h / "users/" + now + "/" + kMessage) != "Subject: hi\n\nbody\n")
      wrong += " moved mail";
    if (!wrong.empty()) {
      ++bad;
      FAIL_CHECK("round " << round << ": wrong:" << wrong << "; after the crash:\n" << after_crash
                          << "after the next rename:\n" << h.listing());
    }
  }
  CHECK(bad == 0);
  // The test did reach the windows between the steps, the link's too.
  CHECK(journal_left > 0);
  CHECK(link_left > 0);
}
