#include "sys/file_status.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/fd.h"

using namespace vmm::sys;

TEST_CASE("file_status: kind, owner, mode bits and size of an open file") {
  vmm::testing::TempDir dir;
  const std::string path = dir.path + "/f";
  vmm::testing::write_file(path, "12345", 04640);
  Fd fd = open_file(path, O_RDONLY);
  FileStatus s = file_status(fd.get(), path);
  CHECK(s.regular);
  CHECK(s.owner == ::geteuid());
  CHECK(s.permissions == 04640);
  CHECK(s.size == 5);
  Fd d = open_file(dir.path, O_RDONLY | O_DIRECTORY);
  CHECK_FALSE(file_status(d.get(), dir.path).regular);
  vmm::Error e = vmm::testing::thrown_by([] { file_status(-1, "nothing"); });
  CHECK(std::string(e.what()) == "unable to look at nothing: Bad file descriptor");
}

TEST_CASE("permissions_text: four octal digits") {
  CHECK(vmm::sys::permissions_text(0600) == "0600");
  CHECK(vmm::sys::permissions_text(04755) == "4755");
  CHECK(vmm::sys::permissions_text(0) == "0000");
}
