#include "admin/host_system.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace vmm::admin;
using Argv = std::vector<std::string>;

TEST_CASE("useradd and userdel get an argument vector, never a shell line") {
  CHECK(useradd_argv("example_com", "/var/lib/vmailmgr/domains/example.com",
                     "vmailmgr base user of example.com", "/usr/sbin/nologin") ==
        Argv{"/usr/sbin/useradd", "--home-dir", "/var/lib/vmailmgr/domains/example.com",
             "--no-create-home", "--shell", "/usr/sbin/nologin", "--comment",
             "vmailmgr base user of example.com", "--user-group", "--no-log-init", "--key",
             "SUB_UID_COUNT=0", "--key", "SUB_GID_COUNT=0", "example_com"});
  CHECK(userdel_argv("example_com") == Argv{"/usr/sbin/userdel", "example_com"});
}

TEST_CASE("RealHostSystem: users, supervise and qmail-send as the machine has them") {
  RealHostSystem host;
  REQUIRE(host.find_user("root").has_value());
  CHECK(host.find_user("root")->uid == 0u);
  CHECK_FALSE(host.find_user("no-such-user-vmm").has_value());
  CHECK_FALSE(host.supervised("/nonexistent/service/qmail-send"));
  CHECK(host.qmail_send_pids("/nonexistent/queue").empty());
  CHECK(host.run({"true"}) == 0);  // found in PATH
  CHECK(host.run({"false"}) == 1);
}
