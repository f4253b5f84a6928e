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
