#include "admin/domain_delete.h"

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

constexpr const char* kVd =
    "# hosted\nold.test:olduser\nexample.test:example_test\nshop.test:exbase\nshop2.test:exbase\n";
constexpr const char* kRh = "localhost\nexample.test\nold.test\nshop.test\n";

struct Host {
  testing::TempDir d;
  FakeHostSystem host;
  std::string control = d / "qmail/control", homes = d / "domains";
  Host() {
    write_file(d / "etc/qmail-root", d / "qmail\n");
    write_file(d / "etc/domains-home", homes + "\n");
    write_file(control + "/virtualdomains", kVd);
    write_file(control + "/rcpthosts", kRh);
    host.add("example_test", 3001, homes + "/example.test");
    host.add("exbase", 2950, d / "home/exbase");
    write_file(homes + "/example.test/passwd.cdb", "");
    host.qmail_sends = {77};
  }
  DomainDeleted del(const std::string& domain, bool data = false) {
    return delete_domain(host, domain::Config(d / "etc", ""), domain, data);
  }
  std::string refused(const std::string& domain, bool data = false) {
    std::string e = error_of([&] { del(domain, data); });
    CHECK(file_bytes(control + "/virtualdomains") == kVd);
    CHECK(file_bytes(control + "/rcpthosts") == kRh);
    CHECK(host.log.empty());
    return e;
  }
};

}  // namespace

TEST_CASE("delete_domain: the lines go, the data stays") {
  Host h;
  DomainDeleted r = h.del("EXAMPLE.test");
  CHECK(r.domain == "example.test");
  CHECK(r.base == "example_test");
  CHECK(r.home == h.homes + "/example.test");
  CHECK(r.removed_rcpthosts);
  CHECK(r.other_domains.empty());
  CHECK_FALSE(r.removed_data);
  CHECK(r.reload.how == Reload::How::signal);
  CHECK(h.host.log == Log{"hangup 77"});
  CHECK(file_bytes(h.control + "/virtualdomains") ==
        "# hosted\nold.test:olduser\nshop.test:exbase\nshop2.test:exbase\n");
  CHECK(file_bytes(h.control + "/rcpthosts") == "localhost\nold.test\nshop.test\n");
  CHECK(testing::exists(h.homes + "/example.test/passwd.cdb"));
  // Not there any more: refused.
  h.host.log.clear();
  CHECK(error_of([&] { h.del("example.test"); }) ==
        "example.test is not a virtual domain in " + h.control + "/virtualdomains: nothing removed");
}

TEST_CASE("delete_domain: --remove-data removes home and user after qmail-send was told") {
  Host h;
  DomainDeleted r = h.del("example.test", true);
  CHECK(r.removed_data);
  CHECK(h.host.log == Log{"hangup 77", "remove_home " + h.homes + "/example.test", "userdel example_test"});
  CHECK_FALSE(testing::exists(h.homes + "/example.test"));
}

TEST_CASE("delete_domain: the other domains of the base user; refusals") {
  Host h;
  CHECK(h.refused("nowhere.test") ==
        "nowhere.test is not a virtual domain in " + h.control + "/virtualdomains: nothing removed");
  CHECK(h.refused("shop.test", true) ==
        "base user exbase also serves shop2.test: its data stays while it does; nothing removed");
  write_file(h.control + "/virtualdomains", "solo.test:exbase\n");
  std::string e = error_of([&] { h.del("solo.test", true); });
  CHECK(e == "the home of exbase, " + h.d / "home/exbase" + ", is not below domains-home " + h.homes +
                 ": remove it by hand; nothing removed");
  CHECK(file_bytes(h.control + "/virtualdomains") == "solo.test:exbase\n");
  write_file(h.control + "/virtualdomains", kVd);
  h.host.me = 1000;
  CHECK(h.refused("example.test") == "vdeldomain needs root: it changes qmail's control files and the user database");
  h.host.me = 0;
  DomainDeleted r = h.del("shop.test");
  CHECK(r.other_domains == std::vector<std::string>{"shop2.test"});
  CHECK_FALSE(r.removed_rcpthosts == false);
}
