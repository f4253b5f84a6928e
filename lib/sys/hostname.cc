#include "sys/hostname.h"

#include <sys/utsname.h>

#include "sys/error.h"

namespace vmm::sys {

std::string hostname() {
  struct utsname u;
  if (::uname(&u) != 0) throw_errno("get the host name");
  std::string name(u.nodename);  // NUL-terminated by the kernel
  return name.empty() ? "localhost" : name;
}

}  // namespace vmm::sys
