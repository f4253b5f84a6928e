// minimal_login: the floor of figure 1b, the least a checkpassword program
// for virtual domains must do, written for the benchmark: read the request
// on fd 3, getpwnam the same names checkvpw asks (the whole local name,
// which SPEC §5 step 3 tries first, then the base user), one crypt of the
// password against the stored hash, become the base user (initgroups,
// setgid, setuid), cd to its home, set USER/HOME/SHELL and exec the next
// program. No settings, no table, no control files, no error handling
// beyond an exit code. Built with the suite's compiler and flags, so both
// sides pay the same C++ runtime start-up.
//   minimal_login WHOLE-NAME BASE HASH PROG [ARG]...
#include <crypt.h>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  if (argc < 5) return 2;
  char req[1024];
  ssize_t n = ::read(3, req, sizeof req - 1);
  if (n <= 0) return 111;
  req[n] = 0;
  const char* password = req + std::strlen(req) + 1;
  if (password >= req + n) return 2;
  if (::getpwnam(argv[1]) != nullptr) return 111;  // the whole name is nobody's
  const struct passwd* pw = ::getpwnam(argv[2]);
  if (!pw) return 1;
  const std::string name = pw->pw_name, home = pw->pw_dir, shell = pw->pw_shell;
  const uid_t uid = pw->pw_uid;
  const gid_t gid = pw->pw_gid;
  struct crypt_data data;
  std::memset(&data, 0, sizeof data);
  const char* hash = ::crypt_r(password, argv[3], &data);
  if (!hash || std::strcmp(hash, argv[3]) != 0) return 1;
  if (::initgroups(name.c_str(), gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) return 111;
  if (::chdir(home.c_str()) != 0) return 111;
  ::setenv("USER", name.c_str(), 1);
  ::setenv("HOME", home.c_str(), 1);
  ::setenv("SHELL", shell.c_str(), 1);
  ::close(3);
  ::execv(argv[4], argv + 4);
  return 111;
}
