#include "store/scratch_file.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "store/message_copy.h"
#include "sys/error.h"

using vmm::store::ScratchFile;
using Kind = ScratchFile::Kind;
using namespace vmm::testing;

// Unlinked is what a file system without O_TMPFILE (NFS, some FUSE) gets.
TEST_CASE("ScratchFile: holds the bytes, has no name, leaves nothing behind") {
  for (Kind kind : {Kind::unnamed, Kind::unlinked}) {
    CAPTURE(static_cast<int>(kind));
    TempDir tmp;
    write_file(tmp / "keep", "k");
    std::string back;
    {
      ScratchFile f(tmp.path, kind);
      struct stat st;
      REQUIRE(::fstat(f.fd(), &st) == 0);
      CHECK(st.st_nlink == 0);
      CHECK((st.st_mode & 07777) == 0600);
      // The kernel still knows the name an unlinked file had.
      char link[4096];
      std::string proc = "/proc/self/fd/" + std::to_string(f.fd());
      ssize_t len = ::readlink(proc.c_str(), link, sizeof link);
      REQUIRE(len > 0);
      std::string was(link, static_cast<std::size_t>(len));
      CHECK(was.starts_with(tmp.path + (kind == Kind::unlinked ? "/.vdeliver." : "/#")));
      CHECK(was.ends_with(" (deleted)"));
      f.write("Delivered-To: x\n");
      f.write("body\n");
      CHECK(f.size() == 21);
      CHECK(list_dir(tmp.path) == std::vector<std::string>{"keep"});  // never visible
      char buf[64];
      ssize_t n = ::pread(f.fd(), buf, sizeof buf, 0);
      REQUIRE(n == 21);
      back.assign(buf, static_cast<std::size_t>(n));
    }
    CHECK(back == "Delivered-To: x\nbody\n");
    CHECK(list_dir(tmp.path) == std::vector<std::string>{"keep"});
  }
}

TEST_CASE("ScratchFile: a missing directory is an error naming it") {
  for (Kind kind : {Kind::unnamed, Kind::unlinked}) {
    CAPTURE(static_cast<int>(kind));
    TempDir tmp;
    try {
      ScratchFile f(tmp / "nope", kind);
      FAIL("no exception");
    } catch (const vmm::Error& e) {
      CHECK(std::string(e.what()) == "unable to create a temporary file in " + (tmp / "nope") +
                                         ": No such file or directory");
      CHECK(e.cls() == vmm::ErrorClass::permanent);
    }
  }
}
