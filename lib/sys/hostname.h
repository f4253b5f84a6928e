// This machine's name, as Maildir file names and completed addresses use it.
#pragma once
#include <string>

namespace vmm::sys {

// The node name from uname(2) (what gethostname returns); "localhost" when
// the kernel reports an empty one, so a name built from it never ends in '.'.
std::string hostname();

// This machine's fully-qualified name, what "hostname --fqdn" prints and
// Debian's Postfix writes into $myhostname: the node name when it has a
// dot, else its canonical name (getaddrinfo, AI_CANONNAME: /etc/hosts, then
// DNS) when that has one, else the node name as it is.
std::string fully_qualified_hostname();

}  // namespace vmm::sys
