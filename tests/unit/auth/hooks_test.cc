#include "auth/hooks.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"
#include "system_fake.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::auth;
using namespace vmm::auth_testing;
using namespace vmm::testing;
namespace domain = vmm::domain;
using Lines = std::vector<std::string>;

namespace {

struct Hooks {
  TempDir d;
  std::string etc = d / "etc", home = d / "home";
  FakeAuthSystem sys;
  HookSite site{domain::Config(etc, ""), std::nullopt, {"vmbase", 2001, 2002}};
  void add(const std::string& dir, const std::string& name, int mode = 0755) {
    write_file(dir + "/" + name, "#!/bin/sh\n", mode);
  }
  void with_domain() { site.domain = domain::Config(etc, "").for_domain(home); }
  std::string failure(const char* event) {
    try {
      run_auth_hooks(sys, site, event);
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::temporary);
      return e.what();
    }
    return "";
  }
};

}  // namespace

TEST_CASE("run_auth_hooks: global first, then per-domain as the base user") {
  Hooks h;
  h.add(h.etc, "checkvpw-presetuid");
  h.add(h.home + "/.vmailmgr", "checkvpw-presetuid");
  h.add(h.etc, "checkvpw-postsetuid");  // another event: not run
  SUBCASE("before the base user is known, only the global hook") {
    run_auth_hooks(h.sys, h.site, "checkvpw-presetuid");
    CHECK(h.sys.log == Lines{"run " + h.etc + "/checkvpw-presetuid (uid 0)"});
  }
  SUBCASE("as root: the per-domain hook is borrowed") {
    h.with_domain();
    run_auth_hooks(h.sys, h.site, "checkvpw-presetuid");
    CHECK(h.sys.log == Lines{"run " + h.etc + "/checkvpw-presetuid (uid 0)", "borrow vmbase {",
                             "run " + h.home + "/.vmailmgr/checkvpw-presetuid (uid 2001)", "}"});
  }
  SUBCASE("as the base user: both directly") {
    h.with_domain();
    h.sys.current_uid = 2001;
    run_auth_hooks(h.sys, h.site, "checkvpw-presetuid");
    CHECK(h.sys.log == Lines{"run " + h.etc + "/checkvpw-presetuid (uid 2001)",
                             "run " + h.home + "/.vmailmgr/checkvpw-presetuid (uid 2001)"});
  }
  SUBCASE("as a stranger: the per-domain hook is refused, not run") {
    h.with_domain();
    h.sys.current_uid = 105;
    CHECK(h.failure("checkvpw-presetuid") == "unable to run hook " + h.home +
                                                 "/.vmailmgr/checkvpw-presetuid as vmbase: "
                                                 "running as uid 105");
    CHECK(h.sys.log == Lines{"run " + h.etc + "/checkvpw-presetuid (uid 105)"});
  }
}

TEST_CASE("run_auth_hooks: a non-zero status stops the chain") {
  Hooks h;
  h.with_domain();
  h.add(h.etc, "checkvpw-error");
  h.add(h.home + "/.vmailmgr", "checkvpw-error");
  h.sys.exit_of[h.etc + "/checkvpw-error"] = 100;
  CHECK(h.failure("checkvpw-error") == "hook " + h.etc + "/checkvpw-error exited with status 100");
  CHECK(h.sys.lines("run").size() == 1);
  h.sys.exit_of.clear();
  h.sys.exit_of[h.home + "/.vmailmgr/checkvpw-error"] = 1;
  CHECK(h.failure("checkvpw-error") ==
        "hook " + h.home + "/.vmailmgr/checkvpw-error exited with status 1");
}

TEST_CASE("run_auth_hooks: none, non-executable files, and has_auth_hooks") {
  Hooks h;
  h.with_domain();
  CHECK_FALSE(has_auth_hooks(h.site, "checkvpw-postexec"));
  run_auth_hooks(h.sys, h.site, "checkvpw-postexec");
  CHECK(h.sys.log.empty());
  h.add(h.etc, "checkvpw-postexec", 0644);  // no execute bit: switched off
  CHECK_FALSE(has_auth_hooks(h.site, "checkvpw-postexec"));
  h.add(h.home + "/.vmailmgr", "checkvpw-postexec");
  CHECK(has_auth_hooks(h.site, "checkvpw-postexec"));
  h.site.domain.reset();
  CHECK_FALSE(has_auth_hooks(h.site, "checkvpw-postexec"));
}
