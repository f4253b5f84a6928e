// The installation the courier tests answer requests in: global settings,
// qmail control files, a base user with a table, a system user, and the
// recording fake process of the auth tests (uid 0, as under authdaemond).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "../auth/system_fake.h"
#include "../domain/login_testing.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/config.h"
#include "domain/password.h"
#include "fmt/authpipe.h"
#include "store/table.h"

namespace vmm::courier_testing {

using namespace vmm::login_testing;
using namespace vmm::testing;

inline const std::string& joe_hash() {
  static const std::string h = domain::hash_password("joe-pw");
  return h;
}

struct World {
  TempDir dir;
  std::string etc = dir / "etc", qmail = dir / "qmail", home = dir / "home/vmbase";
  FakeUserDb users;
  auth_testing::FakeAuthSystem sys;

  World() {
    write_file(etc + "/qmail-root", qmail + "\n");
    write_file(qmail + "/control/virtualdomains",
               "example.com:vmbase\nalias.example:vmbase\n.wild.example:vmbase\n"
               "local.example:vmbase\nrootdom.test:root\ngone.test:nobody\n");
    write_file(qmail + "/control/locals", "localhost\nlocal.example\n");
    users.add("vmbase", 2001, 2002, home);
    users.add("bob", 1001, 1001, dir / "home/bob", std::string("$0$bob-pw"));
    users.add("root", 0, 0, dir / "root", std::string("$0$root-pw"));
    std::filesystem::create_directories(home);
    std::filesystem::create_directories(dir / "root");
    fmt::Record joe = mailbox("joe", joe_hash());
    joe.hard_quota = 5000000;
    joe.msg_count = 500;
    joe.personal = "Joe Example";
    fmt::Record dora = mailbox("dora", joe_hash());
    dora.mailbox_enabled = false;
    fmt::Record eve = mailbox("eve", joe_hash());
    eve.expiry = sys.clock - 1;
    fmt::Record sales = alias("sales", {"joe"});
    sales.password = joe_hash();
    put_accounts(home, {{"joe", joe},
                        {"old", mailbox("old", kMd5CryptHash)},
                        {"dora", dora},
                        {"eve", eve},
                        {"sales", sales},
                        {"+", alias("+", {"joe"})}});
    put_accounts(dir / "root", {{"joe", mailbox("joe", joe_hash())}});
  }
  domain::Config global() const { return domain::Config(etc, ""); }
  void setting(const std::string& name, const std::string& value) {
    write_file(etc + "/" + name, value + "\n");
  }
  void hook(const std::string& where, const std::string& name) {
    write_file(where + "/" + name, "#!/bin/sh\n", 0755);
  }
  std::string stored_hash(const std::string& account) const {
    fmt::Record r;
    REQUIRE(store::Table(home).read().find(account, r) == store::Lookup::found);
    return r.password;
  }
};

// The requests a stream makes (fmt::AuthpipeReader), for building requests
// the way authdaemond sends them.
inline std::vector<fmt::AuthpipeRequest> parse(const std::string& stream) {
  fmt::AuthpipeReader reader;
  return reader.feed(stream);
}

inline std::string auth_request(const std::string& login, const std::string& password,
                                const std::string& authtype = "login") {
  std::string body = "imap\n" + authtype + "\n" + login + "\n" + password + "\n";
  return "AUTH " + std::to_string(body.size()) + "\n" + body;
}

}  // namespace vmm::courier_testing
