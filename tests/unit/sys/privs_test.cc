#include "sys/privs.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <functional>
#include <string>

#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using namespace vmm::sys;

namespace {

// Runs fn in a forked child (identity changes must not leak into the test
// process) and returns what it reported; an exception becomes "error: MSG".
std::string in_child(const std::function<std::string()>& fn) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    std::string out;
    try {
      out = fn();
    } catch (const std::exception& e) {
      out = std::string("error: ") + e.what();
    }
    ssize_t ignored = ::write(fds[1], out.data(), out.size());
    (void)ignored;
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  return out;
}

std::string ids() {
  uid_t ru, eu, su;
  gid_t rg, eg, sg;
  ::getresuid(&ru, &eu, &su);
  ::getresgid(&rg, &eg, &sg);
  std::string out = "uid " + std::to_string(ru) + " " + std::to_string(eu) + " " +
                    std::to_string(su) + " gid " + std::to_string(rg) + " " +
                    std::to_string(eg) + " " + std::to_string(sg) + " groups";
  for (gid_t g : supplementary_groups()) out += " " + std::to_string(g);
  return out;
}

// The Uid: and CapPrm: lines a program started now sees for itself.
std::string child_program_view() {
  FILE* p = ::popen("grep -E '^(Uid|CapPrm):' /proc/self/status | tr '\\t' ' '", "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  ::pclose(p);
  return out;
}

const Identity kStranger{"", 4242, 4343};  // no name: setgroups({gid}) only

}  // namespace

TEST_CASE("privs: supplementary_groups matches getgroups") {
  std::vector<gid_t> groups = supplementary_groups();
  CHECK(static_cast<int>(groups.size()) == ::getgroups(0, nullptr));
}

TEST_CASE("privs: become drops every id and root's groups for good") {
  if (::geteuid() != 0) {
    std::string out = in_child([] { become(kStranger); return std::string("switched"); });
    CHECK(out == "error: unable to set the groups of uid 4242: Operation not permitted");
    return;
  }
  CHECK(in_child([] {
          become(kStranger);
          return ids();
        }) == "uid 4242 4242 4242 gid 4343 4343 4343 groups 4343");
  // A second switch from a non-root process is refused at the first step.
  CHECK(in_child([] {
          become(kStranger);
          become(Identity{"", 4545, 4545});
          return std::string("switched twice");
        }) == "error: unable to set the groups of uid 4545: Operation not permitted");
  // initgroups: a named user gets its own group and its memberships only.
  CHECK(in_child([] {
          become(Identity{"nobody", 65534, 65534});
          return ids();
        }) == "uid 65534 65534 65534 gid 65534 65534 65534 groups 65534");
  // Becoming root as root is allowed (a system-user login of root).
  CHECK(in_child([] {
          become(Identity{"", 0, 0});
          return ids();
        }) == "uid 0 0 0 gid 0 0 0 groups 0");
}

TEST_CASE("privs: BorrowedIdentity acts as the user and returns to root") {
  if (::geteuid() != 0) {
    CHECK(in_child([] { BorrowedIdentity b(kStranger); return std::string("borrowed"); }) ==
          "error: unable to act as uid 4242: not running as root");
    return;
  }
  std::string before = in_child(ids);
  vmm::testing::TempDir tmp;  // removed by this process, after the child is gone
  const std::string dir = tmp.path;
  std::string out = in_child([dir] {
    std::string report;
    ::chmod(dir.c_str(), 0777);
    {
      BorrowedIdentity borrowed(kStranger);
      report += ids() + "\n";
      // Files made meanwhile belong to the user.
      int fd = ::open((dir + "/made").c_str(), O_WRONLY | O_CREAT, 0600);
      struct stat st;
      ::fstat(fd, &st);
      ::close(fd);
      report += "file " + std::to_string(st.st_uid) + ":" + std::to_string(st.st_gid) + "\n";
      // Access is checked as the user: root's private file is closed to it.
      report += ::access("/etc/shadow", R_OK) == 0 ? "shadow readable\n" : "shadow closed\n";
      // A program started meanwhile has no way back to root.
      report += child_program_view();
      borrowed.restore();
      report += ids() + "\n";
    }
    return report;
  });
  CHECK(out ==
        "uid 4242 4242 0 gid 4343 4343 0 groups 4343\n"
        "file 4242:4343\n"
        "shadow closed\n"
        "Uid: 4242 4242 4242 4242\n"
        "CapPrm: 0000000000000000\n" +
            before + "\n");
}

TEST_CASE("privs: BorrowedIdentity restores on scope exit too") {
  if (::geteuid() != 0) return;  // needs root; the refusal is tested above
  std::string before = in_child(ids);
  CHECK(in_child([] {
          { BorrowedIdentity borrowed(kStranger); }
          return ids();
        }) == before);
}
