#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "../testing/files.h"
#include "../testing/lock_holder.h"
#include "../testing/temp_dir.h"
#include "store/table_lock.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Whether a separate process could take the lock right now.
bool free_for_others(const std::string& path) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      store::TableLock lock(path, 0ms);
      ::_exit(0);
    } catch (...) {
      ::_exit(1);
    }
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

TEST_CASE("the lock file is created 0600 and the lock excludes other processes") {
  TempDir dir;
  const std::string path = dir / "passwd.lock";
  {
    store::TableLock lock(path, 0ms);
    CHECK(mode_of(path) == 0600);
    CHECK_FALSE(free_for_others(path));
  }
  CHECK(free_for_others(path));  // released on destruction
  CHECK(list_dir(dir.path) == std::vector<std::string>{"passwd.lock"});  // the file stays
}

TEST_CASE("waiting past the bound is a temporary error with the path") {
  TempDir dir;
  const std::string path = dir / "passwd.lock";
  LockHolder holder(path);
  Clock::time_point start = Clock::now();
  try {
    store::TableLock lock(path, 200ms);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()) == "unable to lock " + path + ": another writer holds it");
  }
  auto waited = Clock::now() - start;
  CHECK(waited >= 200ms);
  // Not forever. A tight upper bound would measure the machine's load (a
  // second make check beside this one), not the lock.
  CHECK(waited < 10s);
}

TEST_CASE("a waiting writer gets the lock once the holder lets go") {
  TempDir dir;
  const std::string path = dir / "passwd.lock";
  LockHolder holder(path);
  pid_t releaser = ::fork();
  REQUIRE(releaser >= 0);
  if (releaser == 0) {
    ::usleep(100000);
    ::kill(holder.pid(), SIGKILL);  // a crashed writer: the kernel drops its lock
    ::_exit(0);
  }
  Clock::time_point start = Clock::now();
  // Getting the lock within the bound is the check: a holder that never let
  // go would make this throw. No tight upper bound on the time (load).
  store::TableLock lock(path, 30s);
  auto waited = Clock::now() - start;
  CHECK(waited >= 90ms);
  ::waitpid(releaser, nullptr, 0);
}

TEST_CASE("a killed holder leaves nothing that blocks the next writer") {
  TempDir dir;
  const std::string path = dir / "passwd.lock";
  LockHolder holder(path);
  CHECK_FALSE(free_for_others(path));
  holder.kill();
  store::TableLock lock(path, 0ms);  // no wait at all: throws if anything still holds it
  CHECK_FALSE(free_for_others(path));  // and now we hold it
}

TEST_CASE("a lock path that is a symlink or cannot be opened is refused") {
  TempDir dir;
  SUBCASE("symlink") {
    write_file(dir / "target", "", 0600);
    REQUIRE(::symlink("target", (dir / "passwd.lock").c_str()) == 0);
    try {
      store::TableLock lock(dir / "passwd.lock", 0ms);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::permanent);
      CHECK(std::string(e.what()) ==
            "unable to open " + dir / "passwd.lock" + ": Too many levels of symbolic links");
    }
  }
  SUBCASE("missing home") {
    try {
      store::TableLock lock(dir / "none/passwd.lock", 0ms);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::permanent);
      CHECK(std::string(e.what()) ==
            "unable to open " + dir / "none/passwd.lock" + ": No such file or directory");
    }
  }
}
