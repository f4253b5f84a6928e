#include "admin/domain_add.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "host_system_fake.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::host_testing;
using vmm::testing::error_of;
using vmm::testing::file_bytes;
using vmm::testing::write_file;
using Log = std::vector<std::string>;

namespace {

constexpr const char* kVd = "# hosted\nold.test:olduser\n";
constexpr const char* kRh = "localhost\nold.test\n";

struct Host {
  testing::TempDir d;
  FakeHostSystem host;
  std::string control = d / "qmail/control", homes = d / "domains";
  Host() {
    write_file(d / "etc/qmail-root", d / "qmail\n");
    write_file(d / "etc/domains-home", homes + "\n");
    write_file(d / "etc/qmail-send-services", "/service/qmail-send\n");
    write_file(control + "/virtualdomains", kVd);
    write_file(control + "/rcpthosts", kRh);
    write_file(control + "/locals", "localhost\n");
    host.qmail_sends = {77};
  }
  DomainAdded add(const std::string& domain, std::optional<std::string> base = std::nullopt,
                  bool quiet = false) {
    return add_domain(host, domain::Config(d / "etc", ""), domain, base, quiet);
  }
  std::string refused(const std::string& domain, std::optional<std::string> base = std::nullopt) {
    std::string e = error_of([&] { add(domain, base); });
    CHECK(file_bytes(control + "/virtualdomains") == kVd);
    CHECK(file_bytes(control + "/rcpthosts") == kRh);
    return e;
  }
  std::string vd() { return file_bytes(control + "/virtualdomains"); }
  std::string rh() { return file_bytes(control + "/rcpthosts"); }
};

}  // namespace

TEST_CASE("add_domain: user, home, vsetup, both control files, qmail-send — in that order") {
  Host h;
  DomainAdded r = h.add("Example.TEST");
  CHECK(r.domain == "example.test");
  CHECK(r.base == "example_test");
  CHECK(r.home == h.homes + "/example.test");
  CHECK(r.made_user);
  CHECK(r.added_virtualdomains);
  CHECK(r.added_rcpthosts);
  CHECK_FALSE(r.rcpthosts_missing);
  REQUIRE(r.reload.has_value());
  CHECK(r.reload->how == Reload::How::signal);
  CHECK(h.host.log == Log{"useradd example_test " + h.homes +
                              "/example.test (vmailmgr base user of example.test)",
                          "make_home " + h.homes + "/example.test 3001:3001",
                          "vsetup as example_test in " + h.homes + "/example.test", "hangup 77"});
  CHECK(h.vd() == std::string(kVd) + "example.test:example_test\n");
  CHECK(h.rh() == std::string(kRh) + "example.test\n");
  CHECK(testing::exists(h.control + "/virtualdomains.lock"));

  // Again: nothing changes, nobody is told, vsetup still runs (it is idempotent).
  h.host.log.clear();
  r = h.add("example.test", std::nullopt, true);
  CHECK_FALSE(r.made_user);
  CHECK_FALSE(r.added_virtualdomains);
  CHECK_FALSE(r.added_rcpthosts);
  CHECK_FALSE(r.reload.has_value());
  CHECK(h.host.log == Log{"vsetup as example_test in " + h.homes + "/example.test --quiet"});
}

TEST_CASE("add_domain: a named base user that exists is used as it is") {
  Host h;
  h.host.add("exbase", 2950, h.d / "home/exbase");
  std::filesystem::create_directories(h.d / "home/exbase");
  DomainAdded r = h.add("shop.test", "exbase");
  CHECK_FALSE(r.made_user);
  CHECK(r.home == h.d / "home/exbase");
  CHECK(h.host.log == Log{"vsetup as exbase in " + h.d / "home/exbase", "hangup 77"});
  CHECK(h.vd() == std::string(kVd) + "shop.test:exbase\n");
  // The same domain again without naming it: the line names the user.
  h.host.log.clear();
  CHECK(h.add("shop.test").base == "exbase");
  // A name given that is not useradd's kind of name: refused before anything.
  CHECK(error_of([&] { h.add("x.test", "Ex Base"); }) ==
        "invalid user name 'Ex Base': it holds a byte that is not a-z 0-9 _ . -");
}

TEST_CASE("add_domain: refusals leave everything as it was") {
  Host h;
  CHECK(h.refused("localhost") == "localhost is in " + h.control + "/locals: qmail delivers it to local users");
  CHECK(h.refused("old.test", "someone") == "old.test is already a virtual domain of user olduser");
  CHECK(h.refused("bad..test") == "invalid domain 'bad..test': it has an empty label");
  h.host.add("root", 0, "/root");
  CHECK(h.refused("r.test", "root") == "user root has uid 0: a base user never is root");
  h.host.add("taken_test", 2960, "/home/taken_test");
  CHECK(h.refused("taken.test") ==
        "user taken_test exists, with home /home/taken_test, not " + h.homes +
            "/taken.test: name it as BASEUSER to make it the base user of taken.test");
  std::filesystem::create_directories(h.homes + "/stale.test");
  CHECK(h.refused("stale.test") == h.homes + "/stale.test already exists: move it away, or name its owner as BASEUSER");
  h.host.add("nohome", 2961, h.d / "nowhere");
  CHECK(h.refused("nohome.test", "nohome") ==
        "the home of user nohome, " + h.d / "nowhere" + ", is not a directory");
  CHECK(h.host.log.empty());
  h.host.me = 1000;
  CHECK(h.refused("x.test") == "vadddomain needs root: it changes qmail's control files and the user database");
  h.host.me = 0;
  write_file(h.d / "etc/domains-home", "relative/dir\n");
  CHECK(h.refused("rel.test") == "the domains-home setting, 'relative/dir/', is not an absolute path");
  write_file(h.d / "etc/qmail-root", h.d / "noqmail\n");
  CHECK(error_of([&] { h.add("q.test"); }) ==
        h.d / "noqmail/control is not a directory: is the qmail-root setting right?");
}

TEST_CASE("add_domain: vsetup failing stops before the control files") {
  Host h;
  h.host.setup_status = 1;
  CHECK(h.refused("fail.test") == "vsetup as user fail_test failed with exit status 1");
  CHECK(h.host.log.size() == 3);  // the user stays: running again finishes the job
  h.host.setup_status = 0;
  DomainAdded r = h.add("fail.test");
  CHECK_FALSE(r.made_user);
  CHECK(r.added_virtualdomains);
}

TEST_CASE("add_domain: no control/rcpthosts is not made one") {
  Host h;
  std::filesystem::remove(h.control + "/rcpthosts");
  DomainAdded r = h.add("n.test");
  CHECK(r.rcpthosts_missing);
  CHECK_FALSE(r.added_rcpthosts);
  CHECK_FALSE(testing::exists(h.control + "/rcpthosts"));
  // A domain already in rcpthosts (by hand) is not added twice.
  write_file(h.control + "/rcpthosts", "localhost\nm.test\n");
  r = h.add("m.test");
  CHECK_FALSE(r.added_rcpthosts);
  CHECK(h.rh() == "localhost\nm.test\n");
}
