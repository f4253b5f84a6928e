#include "sys/fd.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using namespace vmm::sys;
using vmm::Error;
using vmm::ErrorClass;
using vmm::testing::TempDir;
using vmm::testing::write_file;

namespace {

std::string message_of(auto f, ErrorClass* cls = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (cls) *cls = e.cls();
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("fd: Fd closes once, moves, releases") {
  int raw = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  REQUIRE(raw >= 0);
  {
    Fd a(raw);
    Fd b(std::move(a));
    CHECK_FALSE(a.valid());
    CHECK(b.get() == raw);
    Fd c;
    c = std::move(b);
    CHECK(c.get() == raw);
  }
  CHECK(::fcntl(raw, F_GETFD) == -1);  // closed by the last owner
  CHECK(errno == EBADF);
  Fd d = open_file("/dev/null", O_RDONLY);
  int kept = d.release();
  CHECK_FALSE(d.valid());
  CHECK((::fcntl(kept, F_GETFD) & FD_CLOEXEC) != 0);  // open_file adds O_CLOEXEC
  ::close(kept);
}

TEST_CASE("fd: whole files are read within a bound") {
  TempDir t;
  std::string p = t / "ten";
  write_file(p, "0123456789");
  CHECK(read_file(p, 10) == "0123456789");
  CHECK(read_file(p, 100) == "0123456789");
  ErrorClass cls{};
  CHECK(message_of([&] { read_file(p, 9); }, &cls) == p + " is larger than 9 bytes");
  CHECK(cls == ErrorClass::permanent);
  CHECK(message_of([&] { read_file(t.path + "/missing", 9); }) ==
        "unable to open " + t.path + "/missing: No such file or directory");
  std::string out = "old";
  CHECK_FALSE(read_file_if_exists(t.path + "/missing", 9, out));
  CHECK(out.empty());
  CHECK(read_file_if_exists(p, 10, out));
  CHECK(out == "0123456789");
  CHECK(message_of([&] { read_file_if_exists(t.path, 10, out); }) ==
        "unable to read " + t.path + ": Is a directory");
  write_file(t / "empty", "");
  CHECK(read_file(t / "empty", 0) == "");
}

TEST_CASE("fd: write_all and fsync") {
  TempDir t;
  std::string p = t.path + "/out";
  {
    Fd fd = open_file(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
    std::string big(200000, 'x');
    write_all(fd.get(), big, p);
    write_all(fd.get(), "", p);
    fsync_fd(fd.get(), p);
    fd.close();
  }
  CHECK(read_file(p, 300000) == std::string(200000, 'x'));
  fsync_dir(t.path);
  CHECK(message_of([&] { write_all(-1, "x", "nowhere"); }) == "unable to write nowhere: Bad file descriptor");
  CHECK(message_of([&] { fsync_dir(t.path + "/nodir"); }) ==
        "unable to open " + t.path + "/nodir: No such file or directory");
}

TEST_CASE("fd: MappedFile maps whole regular files, empty ones too") {
  TempDir t;
  write_file(t / "data", std::string("a\0b", 3));
  MappedFile m(t / "data");
  CHECK(m.bytes() == std::string_view("a\0b", 3));
  MappedFile moved(std::move(m));
  CHECK(moved.bytes().size() == 3);
  CHECK(m.bytes().empty());
  write_file(t / "empty", "");
  MappedFile e(t / "empty");
  CHECK(e.bytes().empty());
  CHECK(message_of([&] { MappedFile d(t.path); }) == t.path + " is not a regular file");
  CHECK(message_of([&] { MappedFile d(t.path + "/missing"); }) ==
        "unable to open " + t.path + "/missing: No such file or directory");
}
