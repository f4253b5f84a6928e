// This machine's name, as Maildir file names and completed addresses use it.
#pragma once
#include <string>

namespace vmm::sys {

// The node name from uname(2) (what gethostname returns); "localhost" when
// the kernel reports an empty one, so a name built from it never ends in '.'.
std::string hostname();

}  // namespace vmm::sys
