#include "store/write_behind.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"

using namespace vmm;
using namespace vmm::store;
using namespace vmm::testing;

namespace {

sys::Fd create(const sys::Fd& dir, const std::string& name, int flags = O_WRONLY) {
  int fd = ::openat(dir.get(), name.c_str(), flags | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  return sys::Fd(fd);
}

sys::Fd open_dir(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  return sys::Fd(fd);
}

struct timespec at(time_t t) { return {t, 0}; }

// A fresh directory d/ in a temporary one, open.
struct Place {
  TempDir t;
  std::string path = t / "d";
  sys::Fd dir;
  Place() {
    create_dir(path);
    dir = open_dir(path);
  }
};

std::string name_of(int i) { return "m" + std::to_string(i); }

// Message i: i lines, so sizes differ and some exceed a batch's bytes.
std::string bytes_of(int i) { return std::string(static_cast<std::size_t>(i) * 1000, static_cast<char>('a' + i % 26)); }

}  // namespace

TEST_CASE("WriteBehind: every file handed over is written, timed and closed by finish()") {
  Place p;
  WriteBehind behind(p.dir.get(), p.path);
  std::string buffer;
  for (int i = 0; i < 1000; ++i) {
    buffer = bytes_of(i);
    behind.hand_over(create(p.dir, name_of(i)), name_of(i), buffer, at(1000 + i));
  }
  behind.finish();
  CHECK(list_dir(p.path).size() == 1000);
  for (int i = 0; i < 1000; i += 37) {
    CAPTURE(i);
    struct stat st;
    REQUIRE(::stat((p.path + "/" + name_of(i)).c_str(), &st) == 0);
    CHECK(st.st_mtime == 1000 + i);
    CHECK(st.st_atime == 1000 + i);  // before reading it moves the access time
    CHECK(file_bytes(p.path + "/" + name_of(i)) == bytes_of(i));
  }
  CHECK(file_bytes(p.path + "/" + name_of(999)) == bytes_of(999));
}

TEST_CASE("WriteBehind: a failed write removes that file and every later one; the error comes back") {
  Place p;
  WriteBehind behind(p.dir.get(), p.path);
  std::string buffer = "first\n";
  behind.hand_over(create(p.dir, "good"), "good", buffer, at(5));
  // Read-only: its write fails (EBADF) on the thread.
  buffer = "never written\n";
  behind.hand_over(create(p.dir, "bad", O_RDONLY), "bad", buffer, at(5));
  bool refused = false;
  for (int i = 0; i < 300; ++i) {
    buffer = bytes_of(i);
    try {
      behind.hand_over(create(p.dir, name_of(i)), name_of(i), buffer, at(5));
    } catch (const Error&) {
      refused = true;  // the thread had failed already: this one is removed too
    }
  }
  const std::string error = thrown_by([&] { behind.finish(); }).what();
  CAPTURE(error);
  CHECK(error == "unable to write " + (p.path + "/bad") + ": Bad file descriptor");
  CHECK(list_dir(p.path) == std::vector<std::string>{"good"});
  CHECK(file_bytes(p.path + "/good") == "first\n");
  INFO("hand_over refused after the failure: ", refused);
}

TEST_CASE("WriteBehind: destroyed without finish(), it still writes what it holds") {
  Place p;
  {
    WriteBehind behind(p.dir.get(), p.path);
    std::string buffer = "one\n";
    behind.hand_over(create(p.dir, "one"), "one", buffer, at(7));
  }
  CHECK(file_bytes(p.path + "/one") == "one\n");
}
