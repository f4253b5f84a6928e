#include "domain/hooks.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <functional>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::domain::Config;
using vmm::domain::run_hooks;
using namespace vmm::testing;

namespace {

// A global dir, a base home with .vmailmgr, and a log every hook appends to.
struct Setup {
  TempDir tmp;
  std::string global = tmp.path + "/etc", home = tmp.path + "/home";
  std::string domain = home + "/.vmailmgr", log = tmp.path + "/log";
  Setup() {
    REQUIRE(::mkdir(global.c_str(), 0755) == 0);
    REQUIRE(::mkdir(home.c_str(), 0755) == 0);
    REQUIRE(::mkdir(domain.c_str(), 0755) == 0);
  }
  Config config() const { return Config(global, "").for_domain(home); }

  // A hook script logging `tag` (and $HOOK_TEST_VAR when set), then `tail`.
  std::string hook(const std::string& dir, const std::string& name, const std::string& tag,
                   const std::string& tail, mode_t mode = 0755) const {
    std::string path = dir + "/" + name;
    write_file(path, "#!/bin/sh\necho \"" + tag + " $# ${HOOK_TEST_VAR-}\" >> '" + log + "'\n" + tail + "\n",
               mode);
    return path;
  }

  // What the hooks logged; nothing when none ran.
  std::string logged() const { return exists(log) ? file_bytes(log) : ""; }
};


}  // namespace

TEST_CASE("no hook: success, nothing run") {
  Setup s;
  CHECK(run_hooks(s.config(), "vsetup-pre") == 0);
  CHECK(run_hooks(Config("", ""), "checkvpw-error") == 0);
  CHECK(s.logged() == "");
}

TEST_CASE("global hook then per-domain hook, no arguments, our environment") {
  Setup s;
  s.hook(s.global, "vdeliver-predeliver", "global", "exit 0");
  s.hook(s.domain, "vdeliver-predeliver", "domain", "exit 0");
  REQUIRE(::setenv("HOOK_TEST_VAR", "inherited", 1) == 0);
  int rc = run_hooks(s.config(), "vdeliver-predeliver");
  ::unsetenv("HOOK_TEST_VAR");
  CHECK(rc == 0);
  CHECK(s.logged() == "global 0 inherited\ndomain 0 inherited\n");
}

TEST_CASE("before the base user is known only the global hook runs") {
  Setup s;
  s.hook(s.global, "checkvpw-loginfail", "global", "exit 0");
  s.hook(s.domain, "checkvpw-loginfail", "domain", "exit 0");
  CHECK(run_hooks(Config(s.global, ""), "checkvpw-loginfail") == 0);
  CHECK(s.logged() == "global 0 \n");
}

TEST_CASE("a failing global hook stops the chain and its status is returned") {
  Setup s;
  s.hook(s.global, "vsetup-pre", "global", "exit 3");
  s.hook(s.domain, "vsetup-pre", "domain", "exit 0");
  CHECK(run_hooks(s.config(), "vsetup-pre") == 3);
  CHECK(s.logged() == "global 0 \n");
}

TEST_CASE("the per-domain hook's status is returned when the global one passes") {
  Setup s;
  s.hook(s.global, "vdeliver-predeliver", "global", "exit 0");
  s.hook(s.domain, "vdeliver-predeliver", "domain", "exit 99");
  CHECK(run_hooks(s.config(), "vdeliver-predeliver") == 99);
  CHECK(s.logged() == "global 0 \ndomain 0 \n");
}

TEST_CASE("a hook killed by a signal returns 128 + signal and stops the chain") {
  Setup s;
  s.hook(s.global, "checkvpw-postexec", "global", "kill -9 $$");
  s.hook(s.domain, "checkvpw-postexec", "domain", "exit 0");
  CHECK(run_hooks(s.config(), "checkvpw-postexec") == 128 + 9);
  CHECK(s.logged() == "global 0 \n");
}

TEST_CASE("a hook without an execute bit is switched off: skipped") {
  Setup s;
  s.hook(s.global, "vsetup-post", "global", "exit 5", 0644);
  s.hook(s.domain, "vsetup-post", "domain", "exit 0");
  CHECK(run_hooks(s.config(), "vsetup-post") == 0);
  CHECK(s.logged() == "domain 0 \n");
}

TEST_CASE("a hook with an execute bit that cannot run is an error, never skipped") {
  Setup s;
  std::string path = s.domain + "/checkvpw-presetuid";
  write_file(path, "not a program\n");
  REQUIRE(::chmod(path.c_str(), 0755) == 0);
  s.hook(s.global, "checkvpw-presetuid", "global", "exit 0");
  vmm::Error e = vmm::testing::thrown_by([&] { run_hooks(s.config(), "checkvpw-presetuid"); });
  CHECK(e.err() == ENOEXEC);
  CHECK(std::string(e.what()) == "unable to run " + path + ": Exec format error");
  CHECK(s.logged() == "global 0 \n");
}

TEST_CASE("a hook path that is a directory is a permanent error before anything runs") {
  Setup s;
  s.hook(s.global, "checkvpw-postsetuid", "global", "exit 0");
  std::string path = s.domain + "/checkvpw-postsetuid";
  REQUIRE(::mkdir(path.c_str(), 0755) == 0);
  vmm::Error e = vmm::testing::thrown_by([&] { run_hooks(s.config(), "checkvpw-postsetuid"); });
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) == path + ": hook is not a regular file");
  CHECK(s.logged() == "");
}
