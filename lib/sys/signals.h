// Signal dispositions a server sets up front: a client that goes away while
// we write must be an error we report (EPIPE), not a silent death (SIGPIPE).
#pragma once

namespace vmm::sys {

// SIG_IGN for sig (inherited across exec); throws errno_error on failure.
void ignore_signal(int sig);
// Back to SIG_DFL.
void default_signal(int sig);

}  // namespace vmm::sys
