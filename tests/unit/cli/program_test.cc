#include "cli/program.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "sys/fd.h"

using vmm::Error;
using vmm::ErrorClass;
using vmm::cli::ProgramInfo;
using vmm::cli::admin_exit_codes;
using vmm::cli::run_main;

namespace {

const ProgramInfo info{"vtest", "NAME", "Test."};

// Runs f with stderr sent to a temporary file; returns what was written.
template <typename F>
std::string capture_stderr(F f) {
  char path[] = "/tmp/vmm-program-test.XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  std::fflush(stderr);
  int saved = dup(2);
  dup2(fd, 2);
  f();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  close(fd);
  std::string out = vmm::sys::read_file(path, 65536);
  unlink(path);
  return out;
}

}  // namespace

TEST_CASE("program: admin exit codes map every class") {
  CHECK(admin_exit_codes.of(ErrorClass::usage) == 2);
  CHECK(admin_exit_codes.of(ErrorClass::bad_login) == 1);
  CHECK(admin_exit_codes.of(ErrorClass::permanent) == 1);
  CHECK(admin_exit_codes.of(ErrorClass::temporary) == 1);
}

TEST_CASE("program: run_main reports each class in one line and maps the code") {
  int rc = -1;
  std::string err = capture_stderr([&] { rc = run_main(info, admin_exit_codes, [] { return 0; }); });
  CHECK(rc == 0);
  CHECK(err == "");

  err = capture_stderr([&] {
    rc = run_main(info, admin_exit_codes, []() -> int { throw Error(ErrorClass::permanent, "no such account 'x'"); });
  });
  CHECK(rc == 1);
  CHECK(err == "vtest: fatal: no such account 'x'\n");

  err = capture_stderr([&] {
    rc = run_main(info, admin_exit_codes, []() -> int { throw Error(ErrorClass::usage, "missing NAME"); });
  });
  CHECK(rc == 2);
  CHECK(err == "vtest: missing NAME\nvtest: usage: vtest NAME\n");

  err = capture_stderr([&] {
    rc = run_main(info, {2, 1, 100, 111}, []() -> int { throw Error(ErrorClass::temporary, "unable to lock x"); });
  });
  CHECK(rc == 111);
  CHECK(err == "vtest: fatal: temporary failure: unable to lock x\n");

  err = capture_stderr([&] {
    rc = run_main(info, {2, 1, 100, 111}, []() -> int { throw std::bad_alloc(); });
  });
  CHECK(rc == 111);
  CHECK(err == "vtest: fatal: temporary failure: std::bad_alloc\n");
}

TEST_CASE("program: report is the one diagnostic formatter, bad logins included") {
  CHECK(capture_stderr([] { vmm::cli::report(info, Error(ErrorClass::bad_login, "wrong password: joe@x")); }) ==
        "vtest: login failed: wrong password: joe@x\n");
  CHECK(capture_stderr([] { vmm::cli::report(info, Error(ErrorClass::usage, "bad option")); }) ==
        "vtest: bad option\nvtest: usage: vtest NAME\n");
  CHECK(capture_stderr([] { vmm::cli::report(info, Error(ErrorClass::temporary, "EIO")); }) ==
        "vtest: fatal: temporary failure: EIO\n");
}

TEST_CASE("program: a refined exit code wins over the class's, and run_main uses it") {
  vmm::cli::ExitCodes codes{2, 1, 100, 111, [](const Error& e) {
                              return std::string(e.what()) == "full" ? 73 : 0;
                            }};
  CHECK(codes.of(Error(ErrorClass::permanent, "full")) == 73);
  CHECK(codes.of(Error(ErrorClass::permanent, "other")) == 100);
  int rc = -1;
  std::string err = capture_stderr([&] {
    rc = run_main(info, codes, []() -> int { throw Error(ErrorClass::permanent, "full"); });
  });
  CHECK(rc == 73);
  CHECK(err == "vtest: fatal: full\n");
}

TEST_CASE("program: one wording for wrong operand counts") {
  using vmm::cli::any_number;
  using vmm::cli::check_operands;
  auto message = [](const std::vector<std::string>& ops, std::size_t min, std::size_t max) -> std::string {
    try {
      check_operands(ops, min, max);
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::usage);
      return e.what();
    }
    return "ok";
  };
  CHECK(message({}, 0, 0) == "ok");
  CHECK(message({"x"}, 0, 0) == "unexpected operand 'x'");
  CHECK(message({}, 1, 1) == "missing account name");
  CHECK(message({"a", "b", "c"}, 1, 2) == "unexpected operand 'c'");
  CHECK(message({"a", "b", "c"}, 1, any_number) == "ok");
  try {
    check_operands({}, 2, 2, "alias and destination");
    FAIL("expected a usage error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "missing alias and destination");
  }
}

TEST_CASE("program: the --quiet option sets its flag") {
  bool quiet = false;
  vmm::cli::Option o = vmm::cli::quiet_option(quiet);
  CHECK(std::string(o.long_name) == "quiet");
  CHECK(o.short_name == 0);
  CHECK(o.arg_name == nullptr);
  o.set({});
  CHECK(quiet);
}
