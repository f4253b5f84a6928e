#include "cli/batch_program.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/password.h"

using namespace vmm;
using namespace vmm::cli;
using namespace vmm::testing;

namespace {

const ProgramInfo kInfo{"vbatch", "[OPTION]...", "a batch tool for the test"};

struct Run {
  int status;
  std::string err;
};

// run_batch_program in a child with HOME=home, stdin holding input, stderr
// captured. The body reports what it was given as problems and changes.
Run run_batch(const std::string& home, const std::string& input, std::vector<std::string> args) {
  TempDir d;
  write_file(d / "in", input);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::setenv("HOME", home.c_str(), 1);
    int in = ::open((d / "in").c_str(), O_RDONLY);
    int err = ::open((d / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, 0);
    ::dup2(err, 2);
    args.insert(args.begin(), kInfo.name);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = run_batch_program(kInfo, int(args.size()), argv.data(),
                               [](const domain::Domain& dom, const std::string& text,
                                  const admin::HashFn& hash) {
                                 BatchOutcome out;
                                 if (text.find("bad") != std::string::npos) out.problems.push_back("line 2: bad");
                                 out.changes.push_back("home " + dom.home());
                                 out.changes.push_back("hash " + hash("$1$a$b"));
                                 return out;
                               });
    ::_exit(rc);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, file_bytes(d / "err")};
}

}  // namespace

TEST_CASE("run_batch_program: problems first, then the changes; exit 1 when a line was bad") {
  TempDir home;
  Run ok = run_batch(home.path, "joe pw\n", {"--hashed"});
  CHECK(ok.status == 0);
  CHECK(ok.err == "vbatch: home " + home.path + "\nvbatch: hash $1$a$b\n");
  Run bad = run_batch(home.path, "joe pw\nbad\n", {"--hashed", "--quiet"});
  CHECK(bad.status == 1);
  CHECK(bad.err == "vbatch: line 2: bad\n");  // --quiet silences only the changes
}

TEST_CASE("run_batch_program: without --hashed the field is hashed; operands are a usage error") {
  TempDir home;
  Run plain = run_batch(home.path, "x\n", {});
  CHECK(plain.status == 0);
  CHECK(plain.err.find("vbatch: hash $y$") != std::string::npos);  // hashed anew, not kept
  Run extra = run_batch(home.path, "x\n", {"joe"});
  CHECK(extra.status == 2);
  CHECK(extra.err == "vbatch: unexpected operand 'joe'\nvbatch: usage: vbatch [OPTION]...\n");
  Run nohome = run_batch(home / "missing", "x\n", {});
  CHECK(nohome.status == 1);
  CHECK(nohome.err == "vbatch: fatal: unable to find home directory " + home / "missing" +
                          ": No such file or directory\n");
}

TEST_CASE("hashed_option: --hashed keeps the field as the stored hash") {
  admin::HashFn hash = domain::hash_password;
  Option o = hashed_option(hash);
  CHECK(std::string(o.long_name) == "hashed");
  CHECK(o.arg_name == nullptr);
  o.set("");
  CHECK(hash("$6$salt$abc") == "$6$salt$abc");
}
