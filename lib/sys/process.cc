#include "sys/process.h"

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::sys {
namespace {

bool all_digits(const char* s) {
  if (!*s) return false;
  for (; *s; ++s)
    if (*s < '0' || *s > '9') return false;
  return true;
}

// realpath(3), or "" when it cannot be resolved.
std::string resolved(const std::string& path) {
  std::unique_ptr<char, void (*)(void*)> p(::realpath(path.c_str(), nullptr), ::free);
  return p ? std::string(p.get()) : std::string();
}

}  // namespace

std::vector<pid_t> processes_named(std::string_view comm, const std::string& cwd) {
  const std::string want_cwd = resolved(cwd);
  std::vector<pid_t> out;
  if (want_cwd.empty()) return out;  // no such directory: nobody works in it
  std::unique_ptr<DIR, int (*)(DIR*)> proc(::opendir("/proc"), ::closedir);
  if (!proc) throw_errno("read /proc");
  while (struct dirent* e = ::readdir(proc.get())) {
    if (!all_digits(e->d_name)) continue;
    const std::string dir = std::string("/proc/") + e->d_name;
    std::string name;
    try {
      name = read_file(dir + "/comm", 64);
    } catch (const Error&) {
      continue;  // gone meanwhile
    }
    if (!name.empty() && name.back() == '\n') name.pop_back();
    if (name != comm) continue;
    if (resolved(dir + "/cwd") != want_cwd) continue;
    out.push_back(static_cast<pid_t>(std::atol(e->d_name)));
  }
  return out;
}

void send_signal(pid_t pid, int signal) {
  if (::kill(pid, signal) != 0)
    throw_errno("send signal " + std::to_string(signal) + " to process " + std::to_string(pid));
}

}  // namespace vmm::sys
