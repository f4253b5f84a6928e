// The next program's path: checkpassword programs have always looked a bare
// name up in PATH ("checkvpw qmail-pop3d Maildir" in existing run scripts),
// while the suite's exec never searches. This does the search, once, here.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "sys/exec.h"

namespace vmm::auth {

// name itself when it holds a '/'; else the first PATH entry (split at ':',
// an empty entry is the current directory; PATH unset = "/bin:/usr/bin", as
// execvp) where probe says there is an executable regular file named name;
// else name unchanged, so the exec fails with "No such file or directory".
std::string find_program(const std::string& name, const std::optional<std::string>& path,
                         const std::function<sys::ProgramFile(const std::string&)>& probe =
                             sys::probe_program);

}  // namespace vmm::auth
