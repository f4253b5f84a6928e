#include "sys/hostname.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/utsname.h>

#include "sys/error.h"

namespace vmm::sys {

std::string hostname() {
  struct utsname u;
  if (::uname(&u) != 0) throw_errno("get the host name");
  std::string name(u.nodename);  // NUL-terminated by the kernel
  return name.empty() ? "localhost" : name;
}

std::string fully_qualified_hostname() {
  const std::string name = hostname();
  if (name.find('.') != std::string::npos) return name;
  struct addrinfo hints {};
  hints.ai_flags = AI_CANONNAME;
  hints.ai_socktype = SOCK_STREAM;
  struct addrinfo* found = nullptr;
  if (::getaddrinfo(name.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) return name;
  std::string canonical = found->ai_canonname ? found->ai_canonname : "";
  ::freeaddrinfo(found);
  return canonical.find('.') != std::string::npos ? canonical : name;
}

}  // namespace vmm::sys
