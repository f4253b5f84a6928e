// Shared by the tests of lib/daemon: a recording DaemonSystem, a sink that
// keeps the frames, and a small installation in a temporary directory:
//   control  virtualdomains example.test:vmdbase, other.test:vmdother,
//            rootdom.test:root, local.test:vmdbase; locals localhost, local.test
//   vmdbase  2941, system password "base-secret", no admin-password file:
//            joe, ann (mailboxes), eve (expired), dora (mailbox disabled),
//            sales (alias -> joe); passwords NAME-secret
//   vmdother 2942, system password "other-system", admin-password file
//            "other-admin": boss (boss-secret)
//   root     uid 0 (the base user of rootdom.test)
//   keys     the session key file etc/session-key, owned by the test's euid
//            (root's in vmailmgrd), made when first asked for
// Stored passwords are "$0$..." (instant to check); new ones are real hashes.
#pragma once
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "../domain/login_testing.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "daemon/credentials.h"
#include "daemon/reply_sink.h"
#include "daemon/system.h"
#include "domain/config.h"
#include "fmt/record.h"
#include "store/table.h"

namespace vmm::daemon_testing {

class FakeDaemonSystem : public daemon::DaemonSystem {
 public:
  uid_t current_uid = 0;
  std::time_t wall = 1800000000;
  daemon::Clock::time_point at{std::chrono::seconds(1000)};
  std::vector<std::string> log;

  uid_t uid() const override { return current_uid; }
  void become(const sys::Identity& who) override {
    // Recorded only: the test process stays root, so one World serves
    // several requests (each real connection is its own process).
    log.push_back("become " + who.name + " " + std::to_string(who.uid) + " " + std::to_string(who.gid));
  }
  std::time_t now() const override { return wall; }
  daemon::Clock::time_point clock() const override { return at; }
  void sleep_until(daemon::Clock::time_point t) override {
    log.push_back("sleep " + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(t - at).count()) + "ms");
    if (t > at) at = t;
  }
};

// Keeps every frame sent.
struct FramesSink : daemon::ReplySink {
  std::vector<fmt::DaemonReply> frames;
  void send(const fmt::DaemonReply& r) override { frames.push_back(r); }
};

inline fmt::Record account(const std::string& name, const std::string& password) {
  fmt::Record r = login_testing::mailbox(name, "$0$" + password);
  return r;
}

struct World {
  testing::TempDir t;
  std::string etc = t / "etc", qmail = t / "qmail";
  std::string base_home = t / "vmdbase", other_home = t / "vmdother";
  login_testing::FakeUserDb users;
  FakeDaemonSystem sys;
  domain::Config global{etc, ""};
  daemon::SessionKeySource keys{global, ::geteuid()};

  World() {
    testing::write_file(etc + "/qmail-root", qmail + "\n");
    testing::write_file(qmail + "/control/virtualdomains",
                        "example.test:vmdbase\nother.test:vmdother\nrootdom.test:root\nlocal.test:vmdbase\n");
    testing::write_file(qmail + "/control/locals", "localhost\nlocal.test\n");
    users.add("vmdbase", 2941, 2941, base_home, "$0$base-secret");
    users.add("vmdother", 2942, 2942, other_home, "$0$other-system");
    users.add("root", 0, 0, t / "root", "$0$root-secret");
    testing::create_dir(base_home, 0755);
    testing::create_dir(base_home + "/users", 0755);
    testing::create_dir(other_home, 0755);
    testing::create_dir(other_home + "/users", 0755);
    std::vector<std::pair<std::string, fmt::Record>> accounts;
    for (const char* n : {"joe", "ann", "eve", "dora"}) {
      testing::make_maildir(base_home + "/users/" + n);
      accounts.emplace_back(n, account(n, std::string(n) + "-secret"));
    }
    accounts[2].second.expiry = 1000;
    accounts[3].second.mailbox_enabled = false;
    accounts.emplace_back("sales", login_testing::alias("sales", {"joe"}));
    accounts.back().second.directory.clear();
    login_testing::put_accounts(base_home, accounts);
    testing::make_maildir(other_home + "/users/boss");
    login_testing::put_accounts(other_home, {{"boss", account("boss", "boss-secret")}});
    testing::write_file(other_home + "/.vmailmgr/admin-password", "$0$other-admin\n", 0600);
  }

  daemon::DaemonContext ctx() { return daemon::DaemonContext{global, users, sys, &keys}; }

  fmt::Record record(const std::string& home, const std::string& name) {
    fmt::Record r;
    REQUIRE(store::Table(home).read().find(name, r) == store::Lookup::found);
    return r;
  }
  std::string table_bytes(const std::string& home) { return testing::file_bytes(home + "/passwd.cdb"); }
};

}  // namespace vmm::daemon_testing
