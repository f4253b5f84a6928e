#include "sys/fed_child.h"

#include <doctest/doctest.h>
#include <signal.h>

#include <string>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::sys::FedChild;
using namespace vmm::testing;

namespace {

void sh_script(const std::string& path, const std::string& body) {
  write_file(path, "#!/bin/sh\n" + body, 0755);
}

}  // namespace

TEST_CASE("FedChild: the child reads fd 0 to its end, its status comes back") {
  TempDir tmp;
  sh_script(tmp / "prog", "cat > \"$1\"\nexit 7\n");
  FedChild child({tmp / "prog", tmp / "got"}, false);
  CHECK(child.fd1() == -1);
  vmm::sys::write_all(child.input(), "line 1\nline 2\n", "child");
  CHECK(child.wait() == 7);
  CHECK(file_bytes(tmp / "got") == "line 1\nline 2\n");
}

TEST_CASE("FedChild: with pipe_fd1 the child reads fd 0 to EOF, then fd 1") {
  TempDir tmp;
  // qmail-queue's order: the whole message first, then the envelope.
  sh_script(tmp / "queue", "cat > \"$1.message\"\ncat <&1 > \"$1.envelope\"\n");
  FedChild child({tmp / "queue", tmp / "q"}, true);
  REQUIRE(child.fd1() >= 0);
  std::string big(200000, 'm');  // more than a pipe holds: the child must read meanwhile
  vmm::sys::write_all(child.input(), big, "message");
  child.close_input();
  vmm::sys::write_all(child.fd1(), std::string("Fa@b\0Tc@d\0\0", 12), "envelope");
  CHECK(child.wait() == 0);
  CHECK(file_bytes(tmp / "q.message") == big);
  CHECK(file_bytes(tmp / "q.envelope") == std::string("Fa@b\0Tc@d\0\0", 12));
}

TEST_CASE("FedChild: a child that stops reading gives EPIPE here, not SIGPIPE") {
  TempDir tmp;
  sh_script(tmp / "quitter", "exit 75\n");
  struct sigaction before {};
  REQUIRE(::sigaction(SIGPIPE, nullptr, &before) == 0);
  REQUIRE((before.sa_handler == SIG_DFL));
  FedChild child({tmp / "quitter"}, false);
  std::string big(1 << 20, 'x');
  try {
    vmm::sys::write_all(child.input(), big, "the message to quitter");
    FAIL("the write should fail");
  } catch (const vmm::Error& e) {
    CHECK(e.err() == EPIPE);
    CHECK(std::string(e.what()) == "unable to write the message to quitter: Broken pipe");
  }
  CHECK(child.wait() == 75);
  struct sigaction after {};
  REQUIRE(::sigaction(SIGPIPE, nullptr, &after) == 0);
  CHECK((after.sa_handler == SIG_DFL));  // restored once the child is gone
}

TEST_CASE("FedChild: the child starts with the default SIGPIPE action") {
  TempDir tmp;
  sh_script(tmp / "sig", "grep '^SigIgn' /proc/self/status > \"$1\"\n");
  FedChild first({tmp / "sig", tmp / "one"}, false);  // ignores SIGPIPE in this process
  FedChild second({tmp / "sig", tmp / "two"}, false);
  CHECK(second.wait() == 0);
  CHECK(first.wait() == 0);
  // Bit 13 (SIGPIPE) of the ignored mask is clear in the child.
  std::string mask = file_bytes(tmp / "two");
  REQUIRE(mask.size() > 8);
  unsigned long long bits = std::stoull(mask.substr(mask.find_first_not_of(" \t", 7)), nullptr, 16);
  CHECK((bits & (1ULL << (SIGPIPE - 1))) == 0);
}

TEST_CASE("FedChild: a signal-killed child is 128 + the signal") {
  TempDir tmp;
  sh_script(tmp / "killer", "kill -TERM $$\n");
  FedChild child({tmp / "killer"}, false);
  CHECK(child.wait() == 128 + SIGTERM);
}

TEST_CASE("FedChild: a program that cannot run throws the exec error") {
  TempDir tmp;
  try {
    FedChild child({tmp / "missing"}, true);
    FAIL("no exception");
  } catch (const vmm::Error& e) {
    CHECK(std::string(e.what()) == "unable to run " + (tmp / "missing") + ": No such file or directory");
    CHECK(e.err() == ENOENT);
  }
  write_file(tmp / "plain", "not a program\n", 0644);
  CHECK_THROWS_WITH_AS(FedChild({tmp / "plain"}, false),
                       ("unable to run " + (tmp / "plain") + ": Permission denied").c_str(),
                       vmm::Error);
  struct sigaction now {};
  REQUIRE(::sigaction(SIGPIPE, nullptr, &now) == 0);
  CHECK((now.sa_handler == SIG_DFL));
}

TEST_CASE("FedChild: destroyed without wait() it still closes and reaps the child") {
  TempDir tmp;
  sh_script(tmp / "prog", "cat > \"$1\"\n");
  {
    FedChild child({tmp / "prog", tmp / "out"}, false);
    vmm::sys::write_all(child.input(), "partial", "child");
  }
  CHECK(file_bytes(tmp / "out") == "partial");  // complete: the child was waited for
}
