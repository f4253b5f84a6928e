// dovecotvpw's flow against the recording fake process (system_fake.h):
// real settings, control files and tables in a temporary directory.
#include "auth/lua_login.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../domain/login_testing.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/password.h"
#include "system_fake.h"

using vmm::auth::DovecotVersion;
using vmm::auth::lua_exchange;
using vmm::auth::lua_login;
using vmm::auth::LuaSetup;
using vmm::fmt::LuaAnswer;
using vmm::fmt::LuaRequest;
using namespace vmm::auth_testing;
using namespace vmm::login_testing;
using namespace vmm::testing;
namespace domain = vmm::domain;
namespace store = vmm::store;

namespace {

struct World {
  TempDir dir;
  std::string etc = dir / "etc", qmail = dir / "qmail", home = dir / "home/vmbase";
  FakeUserDb users;
  FakeAuthSystem sys;

  World() {
    write_file(etc + "/qmail-root", qmail + "\n");
    write_file(etc + "/ip-domains", "127.0.0.1:example.com\n");
    write_file(qmail + "/control/virtualdomains", "example.com:vmbase\n");
    write_file(qmail + "/control/locals", "localhost\n");
    users.add("vmbase", 2001, 2002, home);
    std::filesystem::create_directories(home);
    const std::string h = domain::hash_password("joe-pw");
    vmm::fmt::Record joe = mailbox("joe", h);
    joe.hard_quota = 5000000;
    joe.msg_count = 500;
    vmm::fmt::Record dora = mailbox("dora", h);
    dora.mailbox_enabled = false;
    vmm::fmt::Record eve = mailbox("eve", h);
    eve.expiry = sys.clock - 1;
    put_accounts(home, {{"joe", joe},
                        {"old", mailbox("old", kMd5CryptHash)},
                        {"dora", dora},
                        {"eve", eve},
                        {"sales", alias("sales", {"joe"})}});
  }
  LuaAnswer ask(const std::string& login, const std::string& password, LuaSetup setup = {},
                const std::string& local_ip = "") {
    LuaRequest r;
    r.login = login;
    r.password = password;
    r.local_ip = local_ip;
    r.remote_ip = "192.0.2.9";
    r.service = "imap";
    return lua_login(r, setup, sys, users, domain::Config(etc, ""));
  }
  std::string stored_hash(const std::string& account) const {
    vmm::fmt::Record r;
    REQUIRE(store::Table(home).read().find(account, r) == store::Lookup::found);
    return r.password;
  }
};

}  // namespace

TEST_CASE("lua_login: a passdb login answers OK with user and userdb_ fields, hooks in order") {
  World w;
  write_file(w.etc + "/checkvpw-presetuid", "#!/bin/sh\n", 0755);
  write_file(w.home + "/.vmailmgr/checkvpw-postsetuid", "#!/bin/sh\n", 0755);
  w.sys.environment["TCPLOCALHOST"] = "elsewhere.example";
  LuaAnswer a = w.ask("Joe", "joe-pw", {false, DovecotVersion::v2_4}, "127.0.0.1");
  const std::string j = w.home + "/users/joe";
  CHECK(a == LuaAnswer{"PASSDB_RESULT_OK", "",
                       {{"user", "joe@example.com"}, {"userdb_uid", "2001"},
                        {"userdb_gid", "2002"}, {"userdb_home", j},
                        {"userdb_mail_driver", "maildir"}, {"userdb_mail_path", j},
                        {"userdb_quota_storage_size", "5000000"},
                        {"userdb_quota_message_count", "500"}}});
  CHECK(w.sys.environment.count("TCPLOCALHOST") == 0);  // ip-domains decided, not a stale host
  CHECK(w.sys.environment["TCPLOCALIP"] == "127.0.0.1");
  CHECK(w.sys.environment["TCPREMOTEIP"] == "192.0.2.9");
  CHECK(w.sys.environment["SERVICE"] == "imap");
  CHECK(w.sys.environment["USER"] == "joe@example.com");
  CHECK(w.sys.environment["MAILDIR"] == j);
  CHECK(w.sys.environment["VUSER"] == "joe");
  CHECK(w.sys.lines("run") == std::vector<std::string>{
                                  "run " + w.etc + "/checkvpw-presetuid (uid 0)",
                                  "run " + w.home + "/.vmailmgr/checkvpw-postsetuid (uid 2001)"});
  CHECK(w.sys.lines("become").empty());  // the auth worker keeps its uid
}

TEST_CASE("lua_login: each refusal with its kind, and the failure hook") {
  World w;
  write_file(w.etc + "/checkvpw-loginfail", "#!/bin/sh\n", 0755);
  CHECK(w.ask("nobody@example.com", "x") ==
        LuaAnswer{"PASSDB_RESULT_USER_UNKNOWN", "unknown user: nobody@example.com", {}});
  CHECK(w.sys.environment["CHECKVPW_ERROR"] == "unknown user: nobody@example.com");
  CHECK(w.ask("joe@example.com", "wrong") ==
        LuaAnswer{"PASSDB_RESULT_PASSWORD_MISMATCH", "wrong password: joe@example.com", {}});
  CHECK(w.ask("sales@example.com", "x").result == "PASSDB_RESULT_PASSWORD_MISMATCH");
  CHECK(w.ask("dora@example.com", "joe-pw") ==
        LuaAnswer{"PASSDB_RESULT_USER_DISABLED", "mailbox is disabled: dora@example.com", {}});
  CHECK(w.ask("eve@example.com", "joe-pw") ==
        LuaAnswer{"PASSDB_RESULT_USER_DISABLED", "account has expired: eve@example.com", {}});
  CHECK(w.ask("joe@", "joe-pw") ==
        LuaAnswer{"PASSDB_RESULT_USER_UNKNOWN", "malformed login", {}});
  CHECK(w.sys.lines("run").size() == 6);  // checkvpw-loginfail once per refusal
}

TEST_CASE("lua_login: a userdb lookup checks no password, runs no login hooks") {
  World w;
  write_file(w.etc + "/checkvpw-presetuid", "#!/bin/sh\n", 0755);
  LuaSetup userdb{true, DovecotVersion::v2_3};
  LuaAnswer a = w.ask("joe@example.com", "", userdb);
  const std::string j = w.home + "/users/joe";
  CHECK(a == LuaAnswer{"USERDB_RESULT_OK", "",
                       {{"user", "joe@example.com"}, {"uid", "2001"}, {"gid", "2002"},
                        {"home", j}, {"mail", "maildir:" + j},
                        {"quota_rule", "*:storage=5000000B:messages=500"}}});
  CHECK(w.sys.lines("run").empty());
  for (const char* who : {"nobody@example.com", "sales@example.com", "dora@example.com",
                          "eve@example.com"}) {
    CAPTURE(who);
    CHECK(w.ask(who, "", userdb).result == "USERDB_RESULT_USER_UNKNOWN");
  }
}

TEST_CASE("lua_login: a legacy hash logs in and is rehashed; a corrupt table is internal") {
  World w;
  CHECK(w.ask("old@example.com", kMd5CryptPassword).result == "PASSDB_RESULT_OK");
  CHECK(w.stored_hash("old").rfind("$y$", 0) == 0);
  CHECK(w.ask("old@example.com", kMd5CryptPassword).result == "PASSDB_RESULT_OK");
  write_file(w.home + "/passwd.cdb", "junk");
  LuaAnswer a = w.ask("joe@example.com", "joe-pw");
  CHECK(a.result == "PASSDB_RESULT_INTERNAL_FAILURE");
  CHECK(a.message == w.home + "/passwd.cdb is corrupt: 4 bytes, shorter than the 2048-byte header");
  CHECK(w.ask("joe@example.com", "", {true}).result == "USERDB_RESULT_INTERNAL_FAILURE");
}

TEST_CASE("lua_exchange: bytes in, bytes out; a malformed request is an internal failure") {
  World w;
  std::string req = std::string("joe@example.com") + '\0' + "joe-pw" + '\0' + '\0' + '\0' + '\0';
  std::string out = lua_exchange(req, {}, w.sys, w.users, domain::Config(w.etc, ""));
  CHECK(out.rfind("PASSDB_RESULT_OK\t\nuser\tjoe@example.com\nuserdb_uid\t2001\n", 0) == 0);
  CHECK(lua_exchange("joe", {true}, w.sys, w.users, domain::Config(w.etc, "")) ==
        "USERDB_RESULT_INTERNAL_FAILURE\trequest has no NUL after the login\n");
}
