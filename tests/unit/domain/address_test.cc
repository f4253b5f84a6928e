#include "domain/address.h"

#include <doctest/doctest.h>

#include <string>

#include "login_testing.h"
#include "sys/error.h"

using namespace vmm::domain;
using vmm::Error;
using vmm::ErrorClass;
using vmm::login_testing::FakeUserDb;

namespace {

struct World {
  ControlFiles control;
  FakeUserDb users;
  World() {
    control.virtualdomains = VirtualDomains::parse(
        "example.test:vmbase\n.wild.test:vmbase\nlocal.test:vmbase\ngone.test:nosuchuser\n"
        "dash.test:my-base\n");
    control.locals = Locals::parse("local.test\nlocalhost\n");
    users.add("vmbase", 2001, 2002, "/home/vmbase");
    users.add("my-base", 2003, 2003, "/home/my-base");
    users.add("vmbase-sys", 2004, 2004, "/home/vmbase-sys");  // a system user owning "vmbase-sys"
  }
  ResolvedAddress resolve(std::string_view address) const {
    return resolve_address(address, control, users);
  }
};

}  // namespace

TEST_CASE("resolve_address: an account of a virtual domain, lowercased") {
  World w;
  ResolvedAddress r = w.resolve("Joe.Smith@Example.TEST");
  CHECK(r.outcome == AddressLookup::virtual_account);
  CHECK(r.name == LoginName{"joe.smith", "example.test"});
  CHECK(r.base.name == "vmbase");
  CHECK(r.base.uid == 2001);
  CHECK(r.base.home == "/home/vmbase");
  CHECK(r.account == "joe.smith");
  // Suffix entries, a base user with a '-', an account with one.
  CHECK(w.resolve("joe@mx.wild.test").account == "joe");
  r = w.resolve("first-last@dash.test");
  CHECK(r.outcome == AddressLookup::virtual_account);
  CHECK(r.base.name == "my-base");
  CHECK(r.account == "first-last");
  CHECK(w.resolve("+tag@example.test").account == "+tag");
}

TEST_CASE("resolve_address: not a virtual domain's address") {
  World w;
  for (const char* a : {"joe@local.test", "joe@LOCALHOST", "joe@other.test", "joe", "vmbase-joe"}) {
    CAPTURE(a);
    CHECK(w.resolve(a).outcome == AddressLookup::not_virtual);
  }
  CHECK(w.resolve("joe@other.test").name == LoginName{"joe", "other.test"});
  // A system user owning the whole local name "vmbase-sys" takes it (SPEC §5 step 3).
  ResolvedAddress r = w.resolve("sys@example.test");
  CHECK(r.outcome == AddressLookup::not_virtual);
  CHECK(r.account == "");
}

TEST_CASE("resolve_address: a virtual domain without its base user") {
  World w;
  ResolvedAddress r = w.resolve("joe@gone.test");
  CHECK(r.outcome == AddressLookup::no_base_user);
  CHECK(r.name == LoginName{"joe", "gone.test"});
}

TEST_CASE("resolve_address: malformed addresses reach neither getpwnam nor a path") {
  World w;
  for (const char* a : {"", "@example.test", "joe@", "joe@@example.test", "a@b@example.test",
                        "../x@example.test", "a/b@example.test", "a b@example.test", "..@example.test",
                        ".@example.test", "joe@exa mple.test", "joe\n@example.test"}) {
    CAPTURE(a);
    CHECK(w.resolve(a).outcome == AddressLookup::malformed);
  }
  CHECK(w.resolve(std::string_view("jo\0e@example.test", 17)).outcome == AddressLookup::malformed);
}

TEST_CASE("resolve_address: a failing user database propagates") {
  World w;
  struct Failing : FakeUserDb {
    std::optional<BaseUser> find(const std::string& name) const override {
      throw Error(ErrorClass::temporary, "unable to look up user " + name);
    }
  } failing;
  try {
    resolve_address("joe@example.test", w.control, failing);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()) == "unable to look up user vmbase-joe");
  }
}
