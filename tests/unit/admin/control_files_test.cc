#include "admin/control_files.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "host_system_fake.h"

using namespace vmm;
using namespace vmm::admin;
using vmm::testing::error_of;

TEST_CASE("control files: the directory, the lock, the text") {
  testing::TempDir d;
  testing::write_file(d / "etc/qmail-root", d / "qmail\n");
  const domain::Config global(d / "etc", "");
  CHECK(error_of([&] { control_dir(global); }) ==
        d / "qmail/control is not a directory: is the qmail-root setting right?");
  testing::create_dir(d / "qmail");
  testing::create_dir(d / "qmail/control", 0755);
  CHECK(control_dir(global) == d / "qmail/control");
  CHECK(control_text(d / "qmail/control/virtualdomains").empty());
  testing::write_file(d / "qmail/control/virtualdomains", "a:b\n");
  CHECK(control_text(d / "qmail/control/virtualdomains") == "a:b\n");
  {
    const store::TableLock lock = lock_control_files(d / "qmail/control");
    CHECK(testing::mode_of(d / "qmail/control/virtualdomains.lock") == 0600);
    pid_t pid = ::fork();
    if (pid == 0) {
      try {
        store::TableLock other(d / "qmail/control/virtualdomains.lock", std::chrono::milliseconds(0));
        ::_exit(0);
      } catch (...) {
        ::_exit(5);
      }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WEXITSTATUS(status) == 5);  // held: nobody else gets it
  }
  host_testing::FakeHostSystem host;
  require_root(host, "vadddomain");
  host.me = 12;
  CHECK(error_of([&] { require_root(host, "vadddomain"); }) ==
        "vadddomain needs root: it changes qmail's control files and the user database");
}
