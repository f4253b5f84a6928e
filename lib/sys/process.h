// Other processes of this machine, by what /proc tells: how vadddomain and
// vdeldomain find a qmail-send that runs without supervise, to make it
// reread control/virtualdomains with a SIGHUP.
#pragma once
#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace vmm::sys {

// The pids of the processes whose command name (/proc/PID/comm, the first
// 15 bytes of the program's file name) is comm and whose working
// directory is the directory cwd names (compared as resolved paths, so a
// symlink on the way does not matter). Processes that vanish or cannot be
// looked at while the list is made are left out. A /proc that cannot be
// read throws errno_error("read /proc").
std::vector<pid_t> processes_named(std::string_view comm, const std::string& cwd);

// kill(2); throws errno_error("send signal N to process PID").
void send_signal(pid_t pid, int signal);

}  // namespace vmm::sys
