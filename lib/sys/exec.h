// Running other programs: hooks, the checkpassword next program, sendmail.
// No shell and no PATH search anywhere: argv[0] is the path of the program.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sys/privs.h"

namespace vmm::sys {

// fork + execv, the child inheriting the environment and fds 0-2 (our own
// fds are close-on-exec); waits for it. Returns its exit status 0-255, or
// 128 + the signal number when a signal killed it. When the exec itself
// fails the child reports errno back and this throws
// errno_error("run <argv[0]>", that errno), so a missing or unrunnable
// program is an error, never a made-up exit status. A failed fork, pipe or
// wait throws by errno. An empty argv is a programming error (logic_error).
int run_program(const std::vector<std::string>& argv);

// run_program for a caller that must answer in time (a login helper a
// server waits for): the child leads a process group of its own, and when
// it has not ended within timeout the whole group is killed (SIGKILL), so
// nothing it started lingers, and this throws Error(temporary, "ARGV0 did
// not finish within N ms").
int run_program_within(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);
// run_program in a child that first becomes as.who (sys::become: groups,
// gid, uid), changes to as.dir and sets as.env over the inherited
// environment: vadddomain running vsetup as the new base user. A failure
// of any of those steps in the child is reported like a failed exec.
struct RunAs {
  Identity who;
  std::string dir;
  std::vector<std::pair<std::string, std::string>> env;
};
int run_program_as(const std::vector<std::string>& argv, const RunAs& as);

// Replaces this process with argv[0]; returns only by throwing
// errno_error("run <argv[0]>", errno).
[[noreturn]] void exec_program(const std::vector<std::string>& argv);

// What a path holds, as far as running it goes (stat follows symlinks).
enum class ProgramFile {
  missing,      // ENOENT / ENOTDIR
  not_regular,  // a directory, fifo, device...
  no_exec_bit,  // a regular file with no execute bit at all
  executable,   // a regular file with some execute bit
};
// Any other stat failure throws errno_error("stat <path>").
ProgramFile probe_program(const std::string& path);

// name itself when it holds a '/'; else the first entry of path (split at
// ':', an empty entry is the current directory; nullopt = "/bin:/usr/bin",
// as execvp) where probe says there is an executable regular file named
// name; else name unchanged, so running it fails with "No such file or
// directory".
std::string find_in_path(const std::string& name, const std::optional<std::string>& path,
                         const std::function<ProgramFile(const std::string&)>& probe =
                             probe_program);

// The path of the running program (/proc/self/exe): vadddomain finds vsetup
// beside itself. Throws errno_error when it cannot be read.
std::string this_program();

}  // namespace vmm::sys
