#include "sys/file_replace.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"
#include "sys/fd.h"

using namespace vmm;
using namespace vmm::sys;
using namespace vmm::testing;

TEST_CASE("FileReplacement: the old file until commit, then the new one whole") {
  TempDir d;
  write_file(d / "table", "old");
  const mode_t old_umask = ::umask(077);
  {
    FileReplacement f(d / "table", d / "table.tmp.1", 0644);
    write_all(f.fd(), "new content", f.temp());
    CHECK(file_bytes(d / "table") == "old");
    CHECK(mode_of(d / "table.tmp.1") == 0644);  // exactly the mode, whatever the umask
    f.commit(FileReplacement::Sync::file);
  }
  ::umask(old_umask);
  CHECK(file_bytes(d / "table") == "new content");
  CHECK(mode_of(d / "table") == 0644);
  CHECK(list_dir(d.path) == std::vector<std::string>{"table"});
}

TEST_CASE("FileReplacement: not committed, nothing changes and the temporary file goes") {
  TempDir d;
  write_file(d / "table", "old");
  {
    FileReplacement f(d / "table", d / "t", 0600);
    write_all(f.fd(), "half", f.temp());
  }
  CHECK(file_bytes(d / "table") == "old");
  CHECK(list_dir(d.path) == std::vector<std::string>{"table"});
}

TEST_CASE("FileReplacement: a dead writer's leftover is replaced; a symlink is never followed") {
  TempDir d;
  write_file(d / "t", "stale");
  write_file(d / "victim", "keep");
  {
    FileReplacement f(d / "out", d / "t", 0600);
    write_all(f.fd(), "fresh", f.temp());
    f.commit(FileReplacement::Sync::none);
  }
  CHECK(file_bytes(d / "out") == "fresh");
  std::filesystem::create_symlink(d / "victim", d / "t");
  {
    FileReplacement f(d / "out", d / "t", 0600);  // the planted link is removed, not written through
    write_all(f.fd(), "again", f.temp());
    f.commit(FileReplacement::Sync::none);
  }
  CHECK(file_bytes(d / "victim") == "keep");
  CHECK(file_bytes(d / "out") == "again");
}

TEST_CASE("FileReplacement: failures name the file and leave nothing behind") {
  TempDir d;
  CHECK(error_of([&] { FileReplacement f(d / "x", d / "missing/t", 0600); }) ==
        "unable to open " + d / "missing/t" + ": No such file or directory");
  create_dir(d / "dir");
  write_file(d / "dir/mail", "m");
  CHECK(error_of([&] {
          FileReplacement f(d / "dir", d / "t", 0600);  // a file cannot replace a directory
          f.commit(FileReplacement::Sync::none);
        }) == "unable to rename " + d / "t" + " to " + d / "dir" + ": Is a directory");
  CHECK(list_dir(d.path) == std::vector<std::string>{"dir"});
  CHECK(file_bytes(d / "dir/mail") == "m");
}

TEST_CASE("keep_copy and temp_beside") {
  TempDir d;
  CHECK(temp_beside(d / "f") == d / "f.tmp." + std::to_string(::getpid()));
  write_file(d / "f", "one");
  keep_copy(d / "f", d / "f~");
  CHECK(file_bytes(d / "f~") == "one");
  write_file(d / "g", "two");
  keep_copy(d / "g", d / "f~");  // replaces an older copy in one step
  CHECK(file_bytes(d / "f~") == "two");
  CHECK(file_bytes(d / "f") == "one");
  CHECK(list_dir(d.path) == std::vector<std::string>{"f", "f~", "g"});
  CHECK(error_of([&] { keep_copy(d / "missing", d / "m~"); }) ==
        "unable to link " + d / "missing" + " to " + temp_beside(d / "m~") +
            ": No such file or directory");
}
