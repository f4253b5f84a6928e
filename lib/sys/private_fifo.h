// A FIFO only its maker's user can reach, for a long-lived helper that
// takes requests holding passwords from the process that started it
// (dovecotvpw --serve under Dovecot's Lua, which can make pipes only
// through io.popen, one direction): a new 0700 directory from mkdtemp with
// a 0600 FIFO in it, so nobody else can open, replace or remove it.
#pragma once
#include <chrono>
#include <string>

#include "sys/fd.h"

namespace vmm::sys {

struct PrivateFifo {
  std::string dir, path;  // empty once removed
  Fd fd;                  // the read end, close-on-exec
};

// mkdtemp(PARENT/PREFIX.XXXXXX), mkfifo DIR/requests, opened for reading
// without waiting for a writer (O_NONBLOCK). Throws errno_error and leaves
// nothing behind when a step fails.
PrivateFifo make_private_fifo(const std::string& parent, const std::string& prefix);

// Waits up to `timeout` for the first bytes from a writer (or a writer that
// came and went), then removes the FIFO's name and its directory (both ends
// are open: nobody needs them any more) and makes the read end blocking, so
// reads wait for requests and see end of file when the last writer goes.
// False when nothing came in time (the names are removed all the same).
bool await_writer(PrivateFifo& fifo, std::chrono::milliseconds timeout);

// Removes the FIFO and its directory if still there; errors are ignored
// (a process on its way out).
void remove_names(PrivateFifo& fifo) noexcept;

}  // namespace vmm::sys
