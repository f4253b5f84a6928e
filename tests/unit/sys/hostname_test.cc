#include "sys/hostname.h"

#include <doctest/doctest.h>
#include <sys/utsname.h>
#include <unistd.h>

TEST_CASE("hostname: the kernel's node name, the same gethostname reports") {
  struct utsname u;
  REQUIRE(::uname(&u) == 0);
  char buf[256] = "";
  REQUIRE(::gethostname(buf, sizeof buf) == 0);
  std::string name = vmm::sys::hostname();
  CHECK(name == std::string(buf));
  if (u.nodename[0] != '\0') CHECK(name == std::string(u.nodename));
  CHECK(!name.empty());
  CHECK(name.find('\0') == std::string::npos);
}

TEST_CASE("fully_qualified_hostname: the node name, or a dotted name it stands for") {
  const std::string name = vmm::sys::hostname();
  const std::string fqdn = vmm::sys::fully_qualified_hostname();
  if (name.find('.') != std::string::npos) {
    CHECK(fqdn == name);
  } else {
    CHECK((fqdn == name || fqdn.find('.') != std::string::npos));
  }
  // tests/e2e/vdeliver/hostname.t checks it against a known /etc/hosts.
}
