#include "auth/system.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using vmm::auth::ProcessAuthSystem;

namespace {
void no_warnings(const std::string&) {}
}  // namespace
using namespace vmm::testing;

namespace {

// Puts a pipe holding data on fd 3 (or leaves fd 3 closed when data is
// nullptr) for the test's duration, restoring whatever was there.
class Fd3 {
 public:
  explicit Fd3(const std::string* data) {
    saved_ = ::fcntl(3, F_DUPFD_CLOEXEC, 10);
    ::close(3);
    if (data == nullptr) return;
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    REQUIRE(::write(fds[1], data->data(), data->size()) == static_cast<ssize_t>(data->size()));
    ::close(fds[1]);
    if (fds[0] != 3) {
      REQUIRE(::dup2(fds[0], 3) == 3);
      ::close(fds[0]);
    }
  }
  ~Fd3() {
    ::close(3);
    if (saved_ >= 0) {
      ::dup2(saved_, 3);
      ::close(saved_);
    }
  }
  static bool open() { return ::fcntl(3, F_GETFD) != -1; }

 private:
  int saved_ = -1;
};

std::string usage_error(ProcessAuthSystem& sys) {
  try {
    sys.read_request();
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::usage);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("ProcessAuthSystem::read_request: fd 3 to EOF, then closed") {
  ProcessAuthSystem sys(no_warnings);
  const std::string request("joe@example.com\0pw\0\0", 20);
  {
    Fd3 fd3(&request);
    CHECK(sys.read_request() == request);
    CHECK_FALSE(Fd3::open());
  }
  const std::string full(512, 'x');
  {
    Fd3 fd3(&full);
    CHECK(sys.read_request() == full);
  }
  const std::string empty;
  {
    Fd3 fd3(&empty);
    CHECK(sys.read_request() == "");
  }
}

TEST_CASE("ProcessAuthSystem::read_request: oversized or missing input is misuse") {
  ProcessAuthSystem sys(no_warnings);
  const std::string over(513, 'x');
  {
    Fd3 fd3(&over);
    CHECK(usage_error(sys) == "checkpassword input is longer than 512 bytes");
    CHECK_FALSE(Fd3::open());
  }
  const std::string huge(60000, 'x');
  {
    Fd3 fd3(&huge);
    CHECK(usage_error(sys) == "checkpassword input is longer than 512 bytes");
  }
  {
    Fd3 fd3(nullptr);
    CHECK(usage_error(sys) == "fd 3 is not open: no checkpassword input");
  }
}

TEST_CASE("ProcessAuthSystem: environment, clock, directories, programs") {
  ProcessAuthSystem sys(no_warnings);
  sys.set_env("VMM_AUTH_SYSTEM_TEST", "v");
  CHECK(sys.env("VMM_AUTH_SYSTEM_TEST") == "v");
  CHECK(std::string(std::getenv("VMM_AUTH_SYSTEM_TEST")) == "v");
  sys.unset_env("VMM_AUTH_SYSTEM_TEST");
  CHECK_FALSE(sys.env("VMM_AUTH_SYSTEM_TEST").has_value());
  std::time_t t = std::time(nullptr);
  CHECK(sys.now() >= t);
  CHECK(sys.now() <= t + 5);
  CHECK(sys.uid() == ::geteuid());
  TempDir d;
  CHECK(sys.is_directory(d.path));
  CHECK_FALSE(sys.is_directory(d / "none"));
  CHECK(sys.run({"/bin/sh", "-c", "exit 3"}) == 3);
  CHECK(sys.run({"/bin/true"}) == 0);
  try {
    sys.run({d / "missing"});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "unable to run " + d / "missing" + ": No such file or directory");
  }
}

TEST_CASE("ProcessAuthSystem: exec replaces the process; warn goes to the given edge") {
  TempDir d;
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int fd = ::open((d / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ProcessAuthSystem sys([](const std::string& m) {
      const std::string line = "warned: " + m + "\n";
      (void)!::write(2, line.data(), line.size());
    });
    sys.warn("a warning");
    try {
      sys.exec({d / "missing"});
    } catch (const Error& e) {
      sys.warn(e.what());
    }
    sys.exec({"/bin/sh", "-c", "exit 7"});
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 7);
  CHECK(file_bytes(d / "stderr") == "warned: a warning\n"
                                    "warned: unable to run " + d / "missing" +
                                    ": No such file or directory\n");
}

TEST_CASE("ProcessAuthSystem::borrow: as the user inside, root again after") {
  if (::geteuid() != 0) return;  // sys::BorrowedIdentity's own test covers non-root
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ProcessAuthSystem sys(no_warnings);
    uid_t inside = 0;
    sys.borrow({"", 4242, 4343}, [&] { inside = sys.uid(); });
    ::_exit(inside == 4242 && sys.uid() == 0 ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
