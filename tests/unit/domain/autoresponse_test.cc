#include "domain/autoresponse.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"

using namespace vmm;
using namespace vmm::domain;
using namespace vmm::testing;

namespace {

// A global settings dir, a base home with .vmailmgr and one account dir.
struct Setup {
  TempDir tmp;
  std::string etc = tmp / "etc", home = tmp / "home", account = tmp / "home/users/joe";
  Setup() {
    create_dir(etc);
    create_dir(home);
    create_dir(home + "/.vmailmgr");
    create_dir(home + "/users");
    make_maildir(account);
  }
  Config config() const { return Config(etc, "").for_domain(home); }
  Autoresponse ar() const { return Autoresponse(config(), account); }
  std::string dir() const { return account + "/autoresponse"; }
};

const std::string kMessage = "Subject: away (was: %S)\n\nBack on Monday.\n";

}  // namespace

TEST_CASE("paths: the settings' defaults, then per-domain values") {
  Setup s;
  Autoresponse a = s.ar();
  CHECK(a.paths().dir == s.account + "/autoresponse");
  CHECK(a.paths().message == s.account + "/autoresponse/message.txt");
  CHECK(a.paths().disabled == s.account + "/autoresponse/message.txt.disabled");
  CHECK(Autoresponse(s.config(), s.account + "/").paths().dir == s.account + "/autoresponse");

  write_file(s.home + "/.vmailmgr/autoresponse-dir", "vacation/\n");
  write_file(s.etc + "/autoresponse-file", "msg\n");
  Autoresponse b = s.ar();
  CHECK(b.paths().dir == s.account + "/vacation");
  CHECK(b.paths().message == s.account + "/vacation/msg");
  CHECK(b.paths().disabled == s.account + "/vacation/msg.disabled");
}

TEST_CASE("settings and account directories that would leave the account are refused") {
  Setup s;
  CHECK(error_of([&] { Autoresponse(s.config(), ""); }) ==
        "the account has no directory to keep an autoresponse in ('')");
  CHECK(error_of([&] { Autoresponse(s.config(), "users/joe"); }) ==
        "the account has no directory to keep an autoresponse in ('users/joe')");
  for (const char* bad : {"../x", "a/../../b", "/tmp/x", ".", "a/./b"}) {
    CAPTURE(bad);
    write_file(s.home + "/.vmailmgr/autoresponse-dir", std::string(bad) + "\n");
    CHECK(error_of([&] { s.ar(); }) == "setting autoresponse-dir: '" + std::string(bad) +
                                           "' is not a directory inside the account's");
  }
  write_file(s.home + "/.vmailmgr/autoresponse-dir", "autoresponse\n");
  for (const char* bad : {"a/b", "..", "."}) {
    CAPTURE(bad);
    write_file(s.home + "/.vmailmgr/autoresponse-file", std::string(bad) + "\n");
    CHECK(error_of([&] { s.ar(); }) ==
          "setting autoresponse-file: '" + std::string(bad) + "' is not a file name");
  }
}

TEST_CASE("status: VMailMgr's four answers, spelled as its clients expect") {
  Setup s;
  Autoresponse a = s.ar();
  CHECK(a.status() == AutoresponseStatus::nonexistent);
  CHECK(status_text(a.status()) == "nonexistant");
  create_dir(s.dir());
  CHECK(status_text(a.status()) == "missing message file");
  write_file(s.dir() + "/message.txt.disabled", kMessage);
  CHECK(status_text(a.status()) == "disabled");
  write_file(s.dir() + "/message.txt", kMessage);
  CHECK(status_text(a.status()) == "enabled");
  CHECK(status_text(AutoresponseStatus::enabled) == "enabled");
  // A dangling symlink counts as there (lstat); it is never followed when read.
  REQUIRE(::unlink((s.dir() + "/message.txt").c_str()) == 0);
  REQUIRE(::unlink((s.dir() + "/message.txt.disabled").c_str()) == 0);
  REQUIRE(::symlink("/nonexistent", (s.dir() + "/message.txt").c_str()) == 0);
  CHECK(a.status() == AutoresponseStatus::enabled);
  Error e = thrown_by([&] { a.read(); });
  CHECK(e.err() == ELOOP);
}

TEST_CASE("write: a new message is enabled, 0600 in a 0700 directory, read back whole") {
  Setup s;
  Autoresponse a = s.ar();
  CHECK(a.read() == std::nullopt);
  CHECK(a.write(kMessage) == AutoresponseStatus::enabled);
  CHECK(mode_of(s.dir()) == 0700);
  CHECK(mode_of(s.dir() + "/message.txt") == 0600);
  CHECK(file_bytes(s.dir() + "/message.txt") == kMessage);
  CHECK(list_dir(s.dir()) == std::vector<std::string>{"message.txt"});  // no temporary left
  CHECK(a.read() == kMessage);
  CHECK(a.write("Subject: new\n\nx\n") == AutoresponseStatus::enabled);
  CHECK(a.read() == "Subject: new\n\nx\n");
  CHECK(list_dir(s.dir()) == std::vector<std::string>{"message.txt"});
}

TEST_CASE("write: a disabled message is replaced and stays disabled") {
  Setup s;
  Autoresponse a = s.ar();
  a.write(kMessage);
  REQUIRE(a.disable() == AutoresponseChange::done);
  CHECK(a.write("Subject: edited\n\nlater\n") == AutoresponseStatus::disabled);
  CHECK(list_dir(s.dir()) == std::vector<std::string>{"message.txt.disabled"});
  CHECK(file_bytes(s.dir() + "/message.txt.disabled") == "Subject: edited\n\nlater\n");
  CHECK(a.status() == AutoresponseStatus::disabled);
  CHECK(a.read() == "Subject: edited\n\nlater\n");
}

TEST_CASE("write: bad messages are refused and nothing changes") {
  Setup s;
  Autoresponse a = s.ar();
  a.write(kMessage);
  CHECK(error_of([&] { a.write(""); }) == "the autoresponse message is empty");
  CHECK(error_of([&] { a.write(std::string("Subject: a\n\n\0x", 15)); }) ==
        "the autoresponse message holds a NUL byte");
  CHECK(error_of([&] { a.write(std::string(autoresponse_max_bytes + 1, 'x')); }) ==
        "the autoresponse message is larger than 65536 bytes");
  CHECK(a.read() == kMessage);
  CHECK(a.write(std::string(autoresponse_max_bytes, 'x')) == AutoresponseStatus::enabled);
  CHECK(a.read()->size() == autoresponse_max_bytes);
  CHECK(message_problem(kMessage) == "");
}

TEST_CASE("write: no account directory, no autoresponse directory made") {
  Setup s;
  Autoresponse a(s.config(), s.home + "/users/gone");
  CHECK(error_of([&] { a.write(kMessage); }) ==
        "the account's directory " + s.home + "/users/gone does not exist");
  CHECK(!exists(s.home + "/users/gone"));
}

TEST_CASE("read: an over-long file is an error, not a truncated message") {
  Setup s;
  create_dir(s.dir());
  write_file(s.dir() + "/message.txt", std::string(autoresponse_max_bytes + 1, 'x'));
  CHECK(error_of([&] { s.ar().read(); }) ==
        s.dir() + "/message.txt is larger than 65536 bytes");
}

TEST_CASE("read: the enabled message wins over a disabled copy") {
  Setup s;
  create_dir(s.dir());
  write_file(s.dir() + "/message.txt.disabled", "old");
  CHECK(s.ar().read() == "old");
  write_file(s.dir() + "/message.txt", "new");
  CHECK(s.ar().read() == "new");
}

TEST_CASE("enable and disable rename the file to and from .disabled") {
  Setup s;
  Autoresponse a = s.ar();
  CHECK(a.enable() == AutoresponseChange::nothing);
  CHECK(a.disable() == AutoresponseChange::nothing);
  CHECK(!exists(s.dir()));
  a.write(kMessage);
  CHECK(a.enable() == AutoresponseChange::already);
  CHECK(a.disable() == AutoresponseChange::done);
  CHECK(list_dir(s.dir()) == std::vector<std::string>{"message.txt.disabled"});
  CHECK(file_bytes(s.dir() + "/message.txt.disabled") == kMessage);
  CHECK(a.disable() == AutoresponseChange::already);
  CHECK(a.enable() == AutoresponseChange::done);
  CHECK(list_dir(s.dir()) == std::vector<std::string>{"message.txt"});
  CHECK(file_bytes(s.dir() + "/message.txt") == kMessage);
}

TEST_CASE("disable replaces an older disabled copy; enable keeps the enabled one") {
  Setup s;
  create_dir(s.dir());
  write_file(s.dir() + "/message.txt", "current");
  write_file(s.dir() + "/message.txt.disabled", "stale");
  Autoresponse a = s.ar();
  CHECK(a.enable() == AutoresponseChange::already);
  CHECK(file_bytes(s.dir() + "/message.txt") == "current");
  CHECK(a.disable() == AutoresponseChange::done);
  CHECK(list_dir(s.dir()) == std::vector<std::string>{"message.txt.disabled"});
  CHECK(file_bytes(s.dir() + "/message.txt.disabled") == "current");
}

TEST_CASE("remove: the whole directory, never what a symlink points to") {
  Setup s;
  Autoresponse a = s.ar();
  CHECK(a.remove() == AutoresponseChange::nothing);
  a.write(kMessage);
  write_file(s.dir() + "/replied", "state");
  CHECK(a.remove() == AutoresponseChange::done);
  CHECK(!exists(s.dir()));
  CHECK(a.status() == AutoresponseStatus::nonexistent);
  CHECK(list_dir(s.account) == std::vector<std::string>{"cur", "new", "tmp"});

  // A symlinked autoresponse directory: the link goes, its target stays.
  create_dir(s.tmp / "elsewhere");
  write_file(s.tmp / "elsewhere/keep", "x");
  REQUIRE(::symlink((s.tmp / "elsewhere").c_str(), s.dir().c_str()) == 0);
  CHECK(a.remove() == AutoresponseChange::done);
  CHECK(!exists(s.dir()));
  CHECK(file_bytes(s.tmp / "elsewhere/keep") == "x");
}
