#include "store/deliver_scratch.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include "../action/deliver_testing.h"
#include "store/deliver_copy.h"
#include "sys/error.h"

using vmm::store::ScratchFile;
using namespace vmm::deliver_testing;

TEST_CASE("ScratchFile: holds the bytes, has no name, leaves nothing behind") {
  TempDir tmp;
  put_file(tmp / "keep", "k");
  std::string back;
  {
    ScratchFile f(tmp.path);
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

TEST_CASE("ScratchFile: a missing directory is an error naming it") {
  TempDir tmp;
  try {
    ScratchFile f(tmp / "nope");
    FAIL("no exception");
  } catch (const vmm::Error& e) {
    CHECK(std::string(e.what()) == "unable to create a temporary file in " + (tmp / "nope") +
                                       ": No such file or directory");
    CHECK(e.cls() == vmm::ErrorClass::permanent);
  }
}
