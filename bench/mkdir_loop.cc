// mkdir_loop: the floor of figure 5a, the same directories vaddusers makes
// for COUNT accounts (DIR/NAME and its cur, new, tmp: four mkdir(2) each,
// names a0000000...) made by a bare loop, then one syncfs(2) as vaddusers
// does per batch. Written for the benchmark; exit 0, or 1 on any failure.
//   mkdir_loop DIR COUNT
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const std::string dir = argv[1];
  const long count = std::atol(argv[2]);
  if (::mkdir(dir.c_str(), 0700) != 0) return 1;
  char name[32];
  for (long i = 0; i < count; ++i) {
    std::snprintf(name, sizeof name, "a%07ld", i);
    const std::string d = dir + "/" + name;
    if (::mkdir(d.c_str(), 0700) != 0) return 1;
    for (const char* sub : {"/cur", "/new", "/tmp"})
      if (::mkdir((d + sub).c_str(), 0700) != 0) return 1;
  }
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0 || ::syncfs(fd) != 0) return 1;
  return 0;
}
