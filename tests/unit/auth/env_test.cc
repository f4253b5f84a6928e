#include "auth/env.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "system_fake.h"

using namespace vmm::auth;
using vmm::auth_testing::FakeAuthSystem;

TEST_CASE("account_env: a virtual account's values, '-' for unlimited") {
  vmm::fmt::Record r;
  r.ctime = 1700000000;
  r.expiry = 1800000000;
  r.hard_quota = 0;  // a real 0, not unlimited
  r.msg_count = 500;
  r.personal = "Greta Lindqvist (Sales)";
  r.has_mailbox = true;
  r.mailbox_enabled = false;
  CHECK(account_env("greta", &r) == std::vector<EnvChange>{
                                        {"VUSER", "greta"},
                                        {"VUSER_CTIME", "1700000000"},
                                        {"VUSER_EXPIRY", "1800000000"},
                                        {"VUSER_HARDQUOTA", "0"},
                                        {"VUSER_SOFTQUOTA", "-"},
                                        {"VUSER_MSGSIZE", "-"},
                                        {"VUSER_MSGCOUNT", "500"},
                                        {"VUSER_PERSONAL", "Greta Lindqvist (Sales)"},
                                        {"VUSER_HAS_MAILBOX", "1"},
                                        {"VUSER_MAILBOX_ENABLED", "0"},
                                    });
}

TEST_CASE("account_env: a system user has an empty VUSER and nothing else") {
  std::vector<EnvChange> env = account_env("", nullptr);
  REQUIRE(env.size() == 10);
  CHECK(env[0] == EnvChange{"VUSER", ""});
  for (std::size_t i = 1; i < env.size(); ++i) {
    CAPTURE(env[i].name);
    CHECK(env[i].name.rfind("VUSER_", 0) == 0);
    CHECK_FALSE(env[i].value.has_value());
  }
}

TEST_CASE("dovecot_env: userdb fields and EXTRA, quota rule only with limits") {
  DovecotUser u{2001, 2002, "/home/d/users/joe", "/home/d/users/joe", std::nullopt, std::nullopt};
  CHECK(dovecot_env(u) == std::vector<EnvChange>{
                              {"userdb_uid", "2001"},
                              {"userdb_gid", "2002"},
                              {"userdb_home", "/home/d/users/joe"},
                              {"userdb_mail", "maildir:/home/d/users/joe"},
                              {"userdb_quota_rule", std::nullopt},
                              {"EXTRA", "userdb_uid userdb_gid userdb_home userdb_mail"},
                          });
  u.hard_quota = 5242880;
  std::vector<EnvChange> q = dovecot_env(u);
  CHECK(q[4] == EnvChange{"userdb_quota_rule", "*:storage=5242880B"});
  CHECK(q[5] == EnvChange{"EXTRA", "userdb_uid userdb_gid userdb_home userdb_mail userdb_quota_rule"});
  u.msg_count = 500;
  CHECK(dovecot_env(u)[4] == EnvChange{"userdb_quota_rule", "*:storage=5242880B:messages=500"});
  u.hard_quota = std::nullopt;
  q = dovecot_env(u);
  CHECK(q[4] == EnvChange{"userdb_quota_rule", "*:messages=500"});
  CHECK(q[5] == EnvChange{"EXTRA", "userdb_uid userdb_gid userdb_home userdb_mail userdb_quota_rule"});
}

TEST_CASE("apply_env: sets and unsets in order") {
  FakeAuthSystem sys;
  sys.environment["GONE"] = "x";
  apply_env(sys, {{"A", "1"}, {"GONE", std::nullopt}, {"A", "2"}});
  CHECK(sys.log == std::vector<std::string>{"set A=1", "unset GONE", "set A=2"});
  CHECK(sys.environment == std::map<std::string, std::string>{{"A", "2"}});
}
