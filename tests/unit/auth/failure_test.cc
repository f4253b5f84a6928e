#include "auth/failure.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "system_fake.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::auth;
using namespace vmm::auth_testing;
using namespace vmm::testing;
namespace domain = vmm::domain;
using Lines = std::vector<std::string>;

namespace {

struct Failures {
  TempDir d;
  std::string etc = d / "etc";
  FakeAuthSystem sys;
  HookSite site{domain::Config(etc, ""), std::nullopt, {}};
  Failures() {
    write_file(etc + "/checkvpw-loginfail", "#!/bin/sh\n", 0755);
    write_file(etc + "/checkvpw-error", "#!/bin/sh\n", 0755);
  }
};

}  // namespace

TEST_CASE("report_failure: CHECKVPW_ERROR, then the hook of the class, then the code") {
  Failures f;
  CHECK(report_failure(f.sys, f.site, AuthSetup{}, Error(ErrorClass::bad_login, "wrong password: joe")) == 1);
  CHECK(f.sys.log == Lines{"set CHECKVPW_ERROR=wrong password: joe",
                           "run " + f.etc + "/checkvpw-loginfail (uid 0)"});
  f.sys.log.clear();
  CHECK(report_failure(f.sys, f.site, AuthSetup{}, Error(ErrorClass::usage, "no program to run")) == 2);
  CHECK(f.sys.log == Lines{"set CHECKVPW_ERROR=no program to run",
                           "run " + f.etc + "/checkvpw-error (uid 0)"});
  f.sys.log.clear();
  CHECK(report_failure(f.sys, f.site, AuthSetup{}, Error(ErrorClass::temporary, "disk")) == 111);
  CHECK(report_failure(f.sys, f.site, AuthSetup{}, Error(ErrorClass::permanent, "perm")) == 111);
  CHECK(f.sys.lines("run") == Lines{"run " + f.etc + "/checkvpw-error (uid 0)",
                                    "run " + f.etc + "/checkvpw-error (uid 0)"});
  CHECK(report_failure(f.sys, f.site, AuthSetup{AuthMode::dovecot, true},
                       Error(ErrorClass::bad_login, "unknown user: x")) == 3);
}

TEST_CASE("report_failure: a hook that fails or cannot run is a warning only") {
  Failures f;
  f.sys.exit_of[f.etc + "/checkvpw-loginfail"] = 5;
  CHECK(report_failure(f.sys, f.site, AuthSetup{}, Error(ErrorClass::bad_login, "x")) == 1);
  f.sys.unrunnable.insert(f.etc + "/checkvpw-error");
  CHECK(report_failure(f.sys, f.site, AuthSetup{}, Error(ErrorClass::temporary, "y")) == 111);
  CHECK(f.sys.lines("warn") == Lines{
                                   "warn hook " + f.etc + "/checkvpw-loginfail exited with status 5",
                                   "warn unable to run " + f.etc + "/checkvpw-error: Permission denied",
                               });
}
