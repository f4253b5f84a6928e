#include "daemon/credentials.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../testing/errors.h"
#include "fmt/session_token.h"
#include "world.h"

using namespace vmm::daemon;
using vmm::ErrorClass;
using vmm::daemon_testing::World;
using vmm::testing::error_of;

namespace {

std::string refused(World& w, const char* domain, const char* user, const char* pw, Allowed a) {
  return error_of([&] { authorize_account(w.ctx(), domain, user, pw, a); }, ErrorClass::bad_login);
}

}  // namespace

TEST_CASE("credentials: the admin password is the base user's system password without a file") {
  World w;
  Authorized a = authorize_account(w.ctx(), "Example.TEST", "Joe", "base-secret", Allowed::admin);
  CHECK(a.base.name == "vmdbase");
  CHECK(a.account == "joe");
  CHECK(a.by == Authority::admin);
  CHECK(a.domain.home() == w.base_home);
  CHECK(w.sys.log == std::vector<std::string>{"become vmdbase 2941 2941"});
  // The account to be made need not exist for the admin.
  CHECK(authorize_account(w.ctx(), "example.test", "newbie", "base-secret", Allowed::admin).account == "newbie");
  CHECK(refused(w, "example.test", "joe", "joe-secret", Allowed::admin) ==
        "wrong admin password: joe@example.test");
  CHECK(refused(w, "example.test", "joe", "", Allowed::admin) == "wrong admin password: joe@example.test");
}

TEST_CASE("credentials: with an admin-password file only the file counts") {
  World w;
  CHECK(authorize_account(w.ctx(), "other.test", "boss", "other-admin", Allowed::admin).by == Authority::admin);
  CHECK(refused(w, "other.test", "boss", "other-system", Allowed::admin) ==
        "wrong admin password: boss@other.test");
  // A locked file: no admin at all.
  vmm::testing::write_file(w.other_home + "/.vmailmgr/admin-password", "*\n", 0600);
  CHECK(refused(w, "other.test", "boss", "*", Allowed::admin) == "wrong admin password: boss@other.test");
  // A file others may read is an error, not a refusal (the administrator must see it).
  vmm::testing::write_file(w.other_home + "/.vmailmgr/admin-password", "$0$other-admin\n", 0644);
  CHECK(error_of([&] { authorize_account(w.ctx(), "other.test", "boss", "other-admin", Allowed::admin); }) ==
        w.other_home + "/.vmailmgr/admin-password must be readable by the base user alone (mode 0600), not 0644");
}

TEST_CASE("credentials: the account's own password") {
  World w;
  CHECK(authorize_account(w.ctx(), "example.test", "joe", "joe-secret", Allowed::own).by == Authority::own);
  CHECK(refused(w, "example.test", "joe", "base-secret", Allowed::own) == "wrong password: joe@example.test");
  CHECK(refused(w, "example.test", "joe", "ann-secret", Allowed::own) == "wrong password: joe@example.test");
  CHECK(refused(w, "example.test", "nobody", "x", Allowed::own) == "wrong password: nobody@example.test");
  CHECK(refused(w, "example.test", "eve", "eve-secret", Allowed::own) == "wrong password: eve@example.test");
  // A disabled mailbox still manages its account (forwards, password).
  CHECK(authorize_account(w.ctx(), "example.test", "dora", "dora-secret", Allowed::own).by == Authority::own);
  CHECK(refused(w, "example.test", "sales", "*", Allowed::own) == "wrong password: sales@example.test");
  CHECK(refused(w, "example.test", "a/b", "x", Allowed::own) == "malformed user or domain");
}

TEST_CASE("credentials: admin or own — own first, then admin") {
  World w;
  CHECK(authorize_account(w.ctx(), "example.test", "joe", "joe-secret", Allowed::admin_or_own).by == Authority::own);
  CHECK(authorize_account(w.ctx(), "example.test", "joe", "base-secret", Allowed::admin_or_own).by == Authority::admin);
  CHECK(authorize_account(w.ctx(), "example.test", "ghost", "base-secret", Allowed::admin_or_own).by == Authority::admin);
  CHECK(refused(w, "example.test", "joe", "ann-secret", Allowed::admin_or_own) ==
        "wrong password (neither the account's nor the admin password): joe@example.test");
}

TEST_CASE("credentials: what never authenticates") {
  World w;
  CHECK(refused(w, "nowhere.test", "joe", "x", Allowed::admin) == "unknown domain or user: joe@nowhere.test");
  CHECK(refused(w, "", "joe", "x", Allowed::admin) == "malformed user or domain");
  CHECK(refused(w, "example.test", "", "x", Allowed::admin) == "malformed user or domain");
  CHECK(refused(w, "example.test", "..", "x", Allowed::admin) == "malformed user or domain");
  CHECK(refused(w, "example.test", "joe@other.test", "x", Allowed::admin) == "malformed user or domain");
  CHECK(refused(w, "exa mple.test", "joe", "x", Allowed::admin) == "malformed user or domain");
  CHECK(refused(w, "localhost", "vmdbase", "base-secret", Allowed::admin) ==
        "not a virtual account: vmdbase@localhost");
  CHECK(refused(w, "rootdom.test", "joe", "root-secret", Allowed::admin) ==
        "base user root has uid 0: joe@rootdom.test");
  CHECK(w.sys.log.empty());  // nobody was become for any of these
  // A local domain: the user is the local name (SPEC §5 step 2).
  Authorized a = authorize_account(w.ctx(), "local.test", "vmdbase-joe", "joe-secret", Allowed::own);
  CHECK(a.account == "joe");
}

TEST_CASE("credentials: not root — only as the base user itself") {
  World w;
  w.sys.current_uid = 2941;
  CHECK(authorize_account(w.ctx(), "example.test", "joe", "joe-secret", Allowed::own).by == Authority::own);
  CHECK(w.sys.log.empty());
  CHECK(error_of([&] { authorize_account(w.ctx(), "other.test", "boss", "other-admin", Allowed::admin); },
                 ErrorClass::temporary) == "running as uid 2941, unable to act as base user vmdother");
}

TEST_CASE("credentials: a whole domain") {
  World w;
  Authorized a = authorize_domain(w.ctx(), "Example.Test", "base-secret");
  CHECK(a.base.name == "vmdbase");
  CHECK(a.account.empty());
  CHECK(authorize_domain(w.ctx(), "other.test", "other-admin").base.name == "vmdother");
  auto bad = [&](const char* d, const char* pw) {
    return error_of([&] { authorize_domain(w.ctx(), d, pw); }, ErrorClass::bad_login);
  };
  CHECK(bad("example.test", "joe-secret") == "wrong admin password: example.test");
  CHECK(bad("local.test", "base-secret") == "not a virtual domain: local.test");
  CHECK(bad("nowhere.test", "x") == "not a virtual domain: nowhere.test");
  CHECK(bad("a/b", "x") == "malformed domain");
  CHECK(bad("rootdom.test", "root-secret") == "base user root has uid 0: rootdom.test");
  vmm::testing::write_file(w.qmail + "/control/virtualdomains", "gone.test:nosuchuser\n");
  CHECK(bad("gone.test", "x") == "unknown base user nosuchuser of gone.test");
}

TEST_CASE("credentials: a login as a mail client gives it (vpoppassd)") {
  World w;
  const vmm::domain::LoginEnv none{"", ""};
  Authorized a = authorize_login(w.ctx(), "Joe@Example.test", none, "joe-secret");
  CHECK(a.account == "joe");
  CHECK(a.by == Authority::own);
  CHECK(authorize_login(w.ctx(), "ann", {"example.test", ""}, "ann-secret").account == "ann");
  auto bad = [&](const char* login, const char* pw) {
    return error_of([&] { authorize_login(w.ctx(), login, none, pw); }, ErrorClass::bad_login);
  };
  const std::string cannot = "wrong password, or the account cannot log in: ";
  CHECK(bad("dora@example.test", "dora-secret") == cannot + "dora@example.test");
  CHECK(bad("eve@example.test", "eve-secret") == cannot + "eve@example.test");
  CHECK(bad("joe@example.test", "base-secret") == cannot + "joe@example.test");  // never the admin's
  CHECK(bad("nobody@example.test", "x") == cannot + "nobody@example.test");
  CHECK(bad("joe@nowhere.test", "x") == "unknown user: joe@nowhere.test");
  CHECK(bad("vmdbase@localhost", "base-secret") == "not a virtual account: vmdbase@localhost");
  CHECK(bad("@example.test", "x") == "malformed login");
}

// Session tokens (vmailmgr.cgi(8)): made here by hand with the World's key,
// so each claim can be set wrong on its own.
namespace {

using vmm::fmt::SessionClaims;

std::string token(World& w, const std::string& domain, const std::string& user, bool admin,
                  const std::string& hash, std::int64_t expires_in = 600) {
  const std::string& key = w.keys.key();
  SessionClaims c{domain, user, admin, w.sys.wall + expires_in,
                  w.keys.stamp(admin ? kAdminStampLabel : kOwnStampLabel, hash)};
  (void)key;
  return vmm::fmt::session_token_make(w.keys.key(), c);
}
std::string own(World& w, const std::string& user) {
  return token(w, "example.test", user, false, "$0$" + user + "-secret");
}
std::string admin(World& w, const std::string& domain = "example.test") {
  return token(w, domain, "", true, "$0$base-secret");
}

}  // namespace

TEST_CASE("credentials: an own token is the own password of its one account") {
  World w;
  const std::string t = own(w, "joe");
  Authorized a = authorize_account(w.ctx(), "Example.TEST", "JOE", t, Allowed::own);
  CHECK(a.by == Authority::own);
  CHECK(a.account == "joe");
  CHECK(a.domain_name == "example.test");
  CHECK(a.stamp == w.keys.stamp(kOwnStampLabel, "$0$joe-secret"));
  CHECK(authorize_account(w.ctx(), "example.test", "joe", t, Allowed::admin_or_own).by == Authority::own);
  CHECK(refused(w, "example.test", "joe", t.c_str(), Allowed::admin) ==
        "wrong admin password: joe@example.test (an account's session token, where the admin password is needed)");
  CHECK(refused(w, "example.test", "ann", t.c_str(), Allowed::admin_or_own) ==
        "wrong password (neither the account's nor the admin password): ann@example.test "
        "(a session token of another account)");
  CHECK(refused(w, "other.test", "joe", t.c_str(), Allowed::own) ==
        "wrong password: joe@other.test (a session token of another domain)");
  // Only the account as it is now: expired, deleted, password changed.
  CHECK(refused(w, "example.test", "eve", own(w, "eve").c_str(), Allowed::own) ==
        "wrong password: eve@example.test (a session token of an expired account)");
  CHECK(refused(w, "example.test", "nobody", own(w, "nobody").c_str(), Allowed::own) ==
        "wrong password: nobody@example.test (a session token of an account that no longer exists)");
  vmm::login_testing::put_accounts(w.base_home, {{"joe", vmm::daemon_testing::account("joe", "new-secret")}});
  CHECK(refused(w, "example.test", "joe", t.c_str(), Allowed::own) ==
        "wrong password: joe@example.test (a session token from before the password changed)");
}

TEST_CASE("credentials: an admin token is the admin password of its domain") {
  World w;
  const std::string t = admin(w);
  Authorized a = authorize_account(w.ctx(), "example.test", "joe", t, Allowed::admin);
  CHECK(a.by == Authority::admin);
  CHECK(a.stamp == w.keys.stamp(kAdminStampLabel, "$0$base-secret"));
  CHECK(authorize_account(w.ctx(), "example.test", "joe", t, Allowed::admin_or_own).by == Authority::admin);
  CHECK(authorize_domain(w.ctx(), "example.test", t).by == Authority::admin);
  CHECK(refused(w, "example.test", "joe", t.c_str(), Allowed::own) ==
        "wrong password: joe@example.test (an admin session token, where the account's own password is needed)");
  CHECK(error_of([&] { authorize_domain(w.ctx(), "other.test", t); }, ErrorClass::bad_login) ==
        "wrong admin password: other.test (a session token of another domain)");
  // The same hash under the own label is no admin stamp.
  CHECK(refused(w, "example.test", "joe", token(w, "example.test", "", true, "$0$joe-secret").c_str(),
                Allowed::admin) ==
        "wrong admin password: joe@example.test (an admin session token from before the admin password changed)");
  // The admin-password file replaces the system password: older tokens die.
  vmm::testing::write_file(w.base_home + "/.vmailmgr/admin-password", "$0$new-admin\n", 0600);
  CHECK(refused(w, "example.test", "joe", t.c_str(), Allowed::admin) ==
        "wrong admin password: joe@example.test (an admin session token from before the admin password changed)");
  const std::string t2 = token(w, "other.test", "", true, "$0$other-admin");
  CHECK(authorize_domain(w.ctx(), "other.test", t2).base.name == "vmdother");
}

TEST_CASE("credentials: a token that does not verify is only a wrong password") {
  World w;
  const std::string t = own(w, "joe");
  const std::string nor = " (nor a valid session token: altered, expired or of another key)";
  std::string altered = t;
  altered[5] = altered[5] == '0' ? '1' : '0';
  CHECK(looks_like_session_token(altered));
  CHECK(refused(w, "example.test", "joe", altered.c_str(), Allowed::own) == "wrong password: joe@example.test" + nor);
  const std::string expired = token(w, "example.test", "joe", false, "$0$joe-secret", 0);
  CHECK(refused(w, "example.test", "joe", expired.c_str(), Allowed::own) == "wrong password: joe@example.test" + nor);
  SessionClaims c{"example.test", "joe", false, w.sys.wall + 600, w.keys.stamp(kOwnStampLabel, "$0$joe-secret")};
  const std::string foreign = vmm::fmt::session_token_make(std::string(32, 'k'), c);
  CHECK(refused(w, "example.test", "joe", foreign.c_str(), Allowed::own) == "wrong password: joe@example.test" + nor);
  // Tokens are for vmailmgrd's commands, not for vpoppassd's logins.
  CHECK(error_of([&] { authorize_login(w.ctx(), "joe@example.test", {"", ""}, t); }, ErrorClass::bad_login) ==
        "wrong password, or the account cannot log in: joe@example.test");
}

TEST_CASE("credentials: the host key is read for a token only, and a bad key file is an error") {
  World w;
  const std::string t = own(w, "joe");
  World fresh;
  vmm::testing::write_file(fresh.etc + "/session-key", std::string(32, 'x'), 0644);
  // A password is a password: the key file is not even looked at.
  Authorized a = authorize_account(fresh.ctx(), "example.test", "joe", "joe-secret", Allowed::own);
  CHECK(a.stamp == "");
  CHECK(!fresh.keys.loaded());
  fresh.sys.log.clear();
  CHECK(error_of([&] { authorize_account(fresh.ctx(), "example.test", "joe", t, Allowed::own); }) ==
        "session key file " + fresh.etc + "/session-key must be readable by its owner alone (mode 0600), not 0644");
  CHECK(fresh.sys.log.empty());  // refused before anyone was become
  // Once the key is read, a password's stamp comes with it (the session command).
  (void)w.keys.key();
  CHECK(authorize_account(w.ctx(), "example.test", "joe", "joe-secret", Allowed::own).stamp ==
        w.keys.stamp(kOwnStampLabel, "$0$joe-secret"));
  CHECK(authorize_domain(w.ctx(), "example.test", "base-secret").stamp ==
        w.keys.stamp(kAdminStampLabel, "$0$base-secret"));
}

TEST_CASE("credentials: what looks like a token") {
  const std::string mac(64, 'a');
  CHECK(looks_like_session_token("v1.6162.6a6f65.o.1800000600.0102." + mac));
  CHECK(looks_like_session_token("v1.....0." + mac));
  CHECK(!looks_like_session_token("v2.6162.6a6f65.o.1800000600.0102." + mac));
  CHECK(!looks_like_session_token("v1.6162.6a6f65.o.1800000600.0102." + mac.substr(1)));
  CHECK(!looks_like_session_token("v1.6162.6a6f65.o.1800000600.0102." + std::string(64, 'A')));
  CHECK(!looks_like_session_token("v1.6162.6a6f65.o.1800000600.01.02." + mac));
  CHECK(!looks_like_session_token("joe-secret"));
  CHECK(!looks_like_session_token(""));
}
