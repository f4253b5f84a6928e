#include "sys/user_db.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using vmm::sys::getpw;
using vmm::sys::getsp_password;

namespace {

// Fakes standing in for getpwnam_r / getspnam_r.
int g_calls = 0;
std::size_t g_last_size = 0;
int g_error = 0;           // returned by the failing fakes
std::size_t g_needed = 0;  // the growing fake answers ERANGE below this size

int pw_fails(const char*, struct passwd*, char*, std::size_t size, struct passwd** result) {
  ++g_calls;
  g_last_size = size;
  *result = nullptr;
  return g_error;
}

int pw_needs_room(const char* name, struct passwd* pw, char* buf, std::size_t size,
                  struct passwd** result) {
  ++g_calls;
  g_last_size = size;
  *result = nullptr;
  if (size < g_needed) return ERANGE;
  ::strcpy(buf, name);
  ::strcpy(buf + 64, "/home/big");
  ::strcpy(buf + 128, "/bin/false");
  *pw = {};
  pw->pw_name = buf;
  pw->pw_dir = buf + 64;
  pw->pw_shell = buf + 128;
  pw->pw_uid = 4242;
  pw->pw_gid = 4343;
  *result = pw;
  return 0;
}

int sp_fails(const char*, struct spwd*, char*, std::size_t, struct spwd** result) {
  ++g_calls;
  *result = nullptr;
  return g_error;
}

void check_temporary(const Error& e, const std::string& message, int err) {
  CHECK(e.cls() == ErrorClass::temporary);
  CHECK(e.err() == err);
  CHECK(std::string(e.what()) == message);
}

}  // namespace

TEST_CASE("getpw finds root and not an impossible name") {
  auto root = getpw("root");
  REQUIRE(root.has_value());
  CHECK(root->name == "root");
  CHECK(root->uid == 0);
  CHECK(root->gid == 0);
  CHECK(root->home == "/root");
  CHECK_FALSE(root->shell.empty());
  CHECK(getpw("no-such-user.vmm-test-x9") == std::nullopt);
  CHECK(getpw("ROOT") == std::nullopt);  // user names are case-sensitive
}

TEST_CASE("getpw never asks about an empty name or one with NUL") {
  g_calls = 0;
  g_error = EIO;
  CHECK(getpw("", pw_fails) == std::nullopt);
  CHECK(getpw(std::string("root\0x", 6), pw_fails) == std::nullopt);
  CHECK(getpw(std::string("root\0x", 6)) == std::nullopt);  // not truncated to "root"
  CHECK(g_calls == 0);
}

TEST_CASE("getpw: not-found return codes") {
  for (int err : {0, ENOENT, ESRCH}) {
    CAPTURE(err);
    g_error = err;
    g_calls = 0;
    CHECK(getpw("joe", pw_fails) == std::nullopt);
    CHECK(g_calls == 1);
  }
}

TEST_CASE("getpw: other failures are temporary errors, never 'no user'") {
  struct Case {
    int err;
    const char* message;
  };
  const Case cases[] = {
      {EIO, "unable to look up user joe: Input/output error"},
      {EACCES, "unable to look up user joe: Permission denied"},
      {EPERM, "unable to look up user joe: Operation not permitted"},
      {EMFILE, "unable to look up user joe: Too many open files"},
      {EBADF, "unable to look up user joe: Bad file descriptor"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.err);
    g_error = c.err;
    try {
      getpw("joe", pw_fails);
      FAIL("no exception");
    } catch (const Error& e) {
      check_temporary(e, c.message, c.err);
    }
  }
}

TEST_CASE("getpw grows its buffer on ERANGE, up to a bound") {
  g_needed = 20000;
  g_calls = 0;
  auto big = getpw("big", pw_needs_room);
  REQUIRE(big.has_value());
  CHECK(big->name == "big");
  CHECK(big->uid == 4242);
  CHECK(big->gid == 4343);
  CHECK(big->home == "/home/big");
  CHECK(big->shell == "/bin/false");
  CHECK(g_last_size >= 20000);
  CHECK(g_calls > 1);

  g_error = ERANGE;
  g_calls = 0;
  try {
    getpw("huge", pw_fails);
    FAIL("no exception");
  } catch (const Error& e) {
    check_temporary(e, "unable to look up user huge: Numerical result out of range", ERANGE);
  }
  CHECK(g_last_size == 1 << 20);
  CHECK(g_calls < 20);
}

TEST_CASE("getsp_password") {
  SUBCASE("root has a shadow entry") {
    if (::geteuid() != 0) return;  // unreadable shadow: nothing to compare with
    auto hash = getsp_password("root");
    REQUIRE(hash.has_value());
    CHECK(hash->find(':') == std::string::npos);
  }
  SUBCASE("no such user") {
    CHECK(getsp_password("no-such-user.vmm-test-x9") == std::nullopt);
    CHECK(getsp_password("") == std::nullopt);
    CHECK(getsp_password(std::string("root\0x", 6)) == std::nullopt);
  }
  SUBCASE("not found or denied is nullopt") {
    for (int err : {0, ENOENT, ESRCH, EACCES, EPERM}) {
      CAPTURE(err);
      g_error = err;
      CHECK(getsp_password("joe", sp_fails) == std::nullopt);
    }
  }
  SUBCASE("other failures are temporary errors") {
    g_error = EIO;
    try {
      getsp_password("joe", sp_fails);
      FAIL("no exception");
    } catch (const Error& e) {
      check_temporary(e, "unable to look up user joe: Input/output error", EIO);
    }
  }
  SUBCASE("an unprivileged process cannot read it: nullopt") {
    if (::geteuid() != 0) return;
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      // "daemon" has a real /etc/shadow line but no synthesized one (nss-systemd
      // answers for root itself).
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
      try {
        ::_exit(getsp_password("daemon") ? 1 : 0);
      } catch (...) {
        ::_exit(2);
      }
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
}
