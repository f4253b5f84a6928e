#include "admin/domain_setup.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "auto/paths.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::base_home_testing::TempHome;
using vmm::testing::error_of;

namespace {

void hook(const std::string& path, const std::string& body) {
  vmm::testing::write_file(path, "#!/bin/sh\n" + body + "\n", 0755);
}

}  // namespace

TEST_CASE("account_setup: the line of .qmail-default") {
  CHECK(qmail_default_text() == std::string("|") + auto_conf::home + "/bin/vdeliver\n");
}

TEST_CASE("account_setup: a fresh home becomes a domain; a second run changes nothing") {
  TempHome t;
  SetupResult r = setup_domain(t.domain(), 1795315478, "|/usr/local/bin/vdeliver\n");
  CHECK(r.made_user_dir);
  CHECK(r.user_dir == t / "users");
  CHECK(r.qmail_default == QmailDefault::written);
  CHECK(r.added_aliases == std::vector<std::string>{"mailer-daemon", "postmaster", "root"});
  CHECK(r.changed());
  CHECK(vmm::testing::file_bytes(t / ".qmail-default") == "|/usr/local/bin/vdeliver\n");
  CHECK(t.listing() == ".qmail-default f 644\npasswd.cdb f 600\npasswd.lock f 600\nusers d 755\n");
  fmt::Record want = base_home_testing::alias({"postmaster@"});
  want.ctime = 1795315478;
  for (const char* name : {"mailer-daemon", "postmaster", "root"}) CHECK(t.record(name) == want);
  CHECK(t.table().size() == 3);

  const std::string table = t.table_bytes();
  const std::string files = t.listing();
  r = setup_domain(t.domain(), 1795319999, "|/usr/local/bin/vdeliver\n");
  CHECK_FALSE(r.changed());
  CHECK(r.added_aliases.empty());
  CHECK(t.table_bytes() == table);
  CHECK(t.listing() == files);
}

TEST_CASE("account_setup: a different .qmail-default is kept as .qmail-default~") {
  TempHome t;
  std::ofstream(t / ".qmail-default") << "|/old/bin/vdeliver\n";
  std::ofstream(t / ".qmail-default~") << "older still\n";
  SetupResult r = setup_domain(t.domain(), 1, "|/new/bin/vdeliver\n");
  CHECK(r.qmail_default == QmailDefault::replaced);
  CHECK(vmm::testing::file_bytes(t / ".qmail-default") == "|/new/bin/vdeliver\n");
  CHECK(vmm::testing::file_bytes(t / ".qmail-default~") == "|/old/bin/vdeliver\n");
  r = setup_domain(t.domain(), 1, "|/new/bin/vdeliver\n");
  CHECK(r.qmail_default == QmailDefault::unchanged);
  CHECK(vmm::testing::file_bytes(t / ".qmail-default~") == "|/old/bin/vdeliver\n");
}

TEST_CASE("account_setup: existing accounts keep their records; settings are followed") {
  TempHome t;
  t.set("postmaster-aliases", "# who gets the postmaster's mail\nPostmaster\nabuse\n\nhostmaster\n");
  t.set("postmaster-email", "admin@example.org\n");
  t.set("user-dir", "mail/boxes\n");
  fmt::Record mine = base_home_testing::mailbox("./mail/boxes/abuse");
  t.put("abuse", mine);
  SetupResult r = setup_domain(t.domain(), 5, "|x\n");
  CHECK(r.user_dir == t / "mail/boxes");
  CHECK(std::filesystem::is_directory(t / "mail/boxes"));
  CHECK(r.added_aliases == std::vector<std::string>{"postmaster", "hostmaster"});
  CHECK(t.record("abuse") == mine);
  CHECK(t.record("hostmaster").forwards == std::vector<std::string>{"admin@example.org"});
}

TEST_CASE("account_setup: postmaster aliases have no limits and never expire") {
  TempHome t;
  t.set("default-expiry", "60\n");
  t.set("default-hardquota", "10\n");
  setup_domain(t.domain(), 100, "|x\n");
  fmt::Record root = t.record("root");
  CHECK(root.expiry == std::nullopt);
  CHECK(root.hard_quota == std::nullopt);
}

TEST_CASE("account_setup: bad settings are found before anything is made") {
  TempHome t;
  t.set("postmaster-aliases", "postmaster\nbad name\n");
  CHECK(error_of([&] { setup_domain(t.domain(), 1, "|x\n"); }) ==
        "invalid account name 'bad name': it contains a space");
  t.set("postmaster-aliases", "postmaster\n");
  t.set("postmaster-email", "not-an-account\n");
  CHECK(error_of([&] { setup_domain(t.domain(), 1, "|x\n"); }) ==
        "invalid forward 'not-an-account': it is neither an address (local@domain) nor an account of this domain");
  CHECK(t.listing() == ".vmailmgr d 755\n.vmailmgr/postmaster-aliases f 644\n.vmailmgr/postmaster-email f 644\n");
}

TEST_CASE("account_setup: a file where the users directory belongs is an error") {
  TempHome t;
  std::ofstream(t / "users") << "x";
  CHECK(error_of([&] { setup_domain(t.domain(), 1, "|x\n"); }) == t / "users" + " exists and is not a directory");
  CHECK_FALSE(std::filesystem::exists(t / ".qmail-default"));
}

TEST_CASE("account_setup: hooks run global then per-domain; a failure is an error") {
  TempHome t;
  const std::string log = t.root + "/log";
  hook(t.etc + "/vsetup-pre", "echo global-pre >> " + log);
  std::filesystem::create_directories(t / ".vmailmgr");
  hook(t / ".vmailmgr/vsetup-pre", "echo domain-pre >> " + log);
  run_setup_hooks(t.domain(), "vsetup-pre");
  CHECK(vmm::testing::file_bytes(log) == "global-pre\ndomain-pre\n");
  run_setup_hooks(t.domain(), "vsetup-post");  // none: nothing runs
  CHECK(vmm::testing::file_bytes(log) == "global-pre\ndomain-pre\n");
  hook(t.etc + "/vsetup-post", "exit 3");
  hook(t / ".vmailmgr/vsetup-post", "echo must-not-run >> " + log);
  CHECK(error_of([&] { run_setup_hooks(t.domain(), "vsetup-post"); }) ==
        "vsetup-post hook failed with exit status 3");
  CHECK(vmm::testing::file_bytes(log) == "global-pre\ndomain-pre\n");
}
