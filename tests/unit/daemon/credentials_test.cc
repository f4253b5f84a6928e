#include "daemon/credentials.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../testing/errors.h"
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
