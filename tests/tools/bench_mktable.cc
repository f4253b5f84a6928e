// bench_mktable: a large domain table for bench/run, written with the
// library (store::Table, fmt::Record) in one update, without the admin tools
// and without hashing per account (every account gets the same ready hash).
//   bench_mktable HOME COUNT HASH [MAILBOX-NAME]...
// Accounts u0000000, u0000001, ... (COUNT of them) get the directory
// ./users/NAME but nothing on disk. Each MAILBOX-NAME is added as well (or
// kept, if it is one of the generated names) with a Maildir made under
// HOME/users/NAME. Prints nothing; exit 0, or 111 with a message.
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "fmt/record.h"
#include "store/table.h"
#include "sys/error.h"

namespace {

void make_dir(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) vmm::throw_errno("mkdir " + path);
}

std::string generated_name(unsigned long i) {
  char name[32];
  std::snprintf(name, sizeof name, "u%07lu", i);
  return name;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fputs("usage: bench_mktable HOME COUNT HASH [MAILBOX-NAME]...\n", stderr);
    return 2;
  }
  std::string home = argv[1], hash = argv[3];
  unsigned long count = std::strtoul(argv[2], nullptr, 10);
  try {
    vmm::fmt::Record r;
    r.password = hash;
    r.has_mailbox = true;
    r.ctime = 1700000000;
    vmm::store::Table table(home);
    table.update([&](const vmm::store::TableSnapshot&, vmm::store::TableChange& change) {
      for (unsigned long i = 0; i < count; ++i) {
        std::string name = generated_name(i);
        r.directory = "./users/" + name;
        change.put(name, r);
      }
      make_dir(home + "/users");
      for (int a = 4; a < argc; ++a) {
        std::string name = argv[a], dir = home + "/users/" + name;
        r.directory = "./users/" + name;
        change.put(name, r);
        make_dir(dir);
        for (const char* sub : {"/cur", "/new", "/tmp"}) make_dir(dir + sub);
      }
    });
  } catch (const vmm::Error& e) {
    std::fprintf(stderr, "bench_mktable: %s\n", e.what());
    return 111;
  }
  return 0;
}
