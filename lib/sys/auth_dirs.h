// The two directory operations of a checkpassword login: entering the base
// user's home, and testing whether a Maildir is there.
#pragma once
#include <string>

namespace vmm::sys {

// chdir(2); throws errno_error("change directory to PATH").
void change_dir(const std::string& path);

// True for a directory (a symlink to one counts: stat follows it). Missing,
// not a directory, or not reachable (EACCES): false. Other stat failures
// (EIO, ENOMEM...) throw errno_error("stat PATH").
bool is_directory(const std::string& path);

}  // namespace vmm::sys
