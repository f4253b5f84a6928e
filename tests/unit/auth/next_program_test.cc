#include "auth/next_program.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using namespace vmm::auth;
using vmm::sys::ProgramFile;

namespace {

// A fake file system: what probe says per path; remembers what was asked.
struct Probe {
  std::map<std::string, ProgramFile> files;
  std::vector<std::string> asked;
  ProgramFile operator()(const std::string& p) {
    asked.push_back(p);
    auto it = files.find(p);
    return it == files.end() ? ProgramFile::missing : it->second;
  }
};

std::string find(Probe& probe, const std::string& name, std::optional<std::string> path) {
  return find_program(name, path, [&](const std::string& p) { return probe(p); });
}

}  // namespace

TEST_CASE("find_program: a name with a slash is used as it is") {
  Probe p;
  CHECK(find(p, "/var/qmail/bin/qmail-pop3d", "/bin") == "/var/qmail/bin/qmail-pop3d");
  CHECK(find(p, "./prog", "/bin") == "./prog");
  CHECK(p.asked.empty());
}

TEST_CASE("find_program: the first executable regular file along PATH") {
  Probe p;
  p.files["/usr/local/bin/qmail-pop3d"] = ProgramFile::no_exec_bit;
  p.files["/opt/qmail/qmail-pop3d"] = ProgramFile::not_regular;
  p.files["/var/qmail/bin/qmail-pop3d"] = ProgramFile::executable;
  p.files["/usr/bin/qmail-pop3d"] = ProgramFile::executable;
  CHECK(find(p, "qmail-pop3d", "/usr/local/bin:/opt/qmail:/var/qmail/bin:/usr/bin") ==
        "/var/qmail/bin/qmail-pop3d");
  CHECK(p.asked == std::vector<std::string>{"/usr/local/bin/qmail-pop3d", "/opt/qmail/qmail-pop3d",
                                            "/var/qmail/bin/qmail-pop3d"});
}

TEST_CASE("find_program: empty entries are the current directory; PATH unset is /bin:/usr/bin") {
  Probe p;
  p.files["./prog"] = ProgramFile::executable;
  CHECK(find(p, "prog", "/nowhere::/bin") == "./prog");
  CHECK(find(p, "prog", "/nowhere:") == "./prog");
  Probe q;
  q.files["/usr/bin/true"] = ProgramFile::executable;
  CHECK(find(q, "true", std::nullopt) == "/usr/bin/true");
  CHECK(q.asked == std::vector<std::string>{"/bin/true", "/usr/bin/true"});
}

TEST_CASE("find_program: not found leaves the name, so exec reports it") {
  Probe p;
  CHECK(find(p, "qmail-pop3d", "/a:/b") == "qmail-pop3d");
  CHECK(find(p, "", "/a") == "");
}

TEST_CASE("find_program: the real probe on the real file system") {
  vmm::testing::TempDir d;
  vmm::testing::write_file(d / "bin/tool", "#!/bin/sh\n", 0755);
  vmm::testing::write_file(d / "off/tool", "#!/bin/sh\n", 0644);
  CHECK(find_program("tool", d / "off" + ":" + d / "bin") == d / "bin/tool");
  CHECK(find_program("tool", d / "off") == "tool");
}
