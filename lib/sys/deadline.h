// The last guard of a program a server waits for (dovecotvpw): whatever it
// is stuck in — a hung NFS home, a name service that does not answer — the
// kernel ends it in time, so the server's worker is never pinned.
#pragma once
#include <chrono>

namespace vmm::sys {

// SIGALRM back to its default action (ending the process: a server may have
// started us with it ignored, and exec keeps that) and unblocked, then an
// alarm after `after` (0: none; a pending one is cancelled — a helper that
// serves many requests bounds each). Throws errno_error when a step fails.
void end_process_after(std::chrono::seconds after);

}  // namespace vmm::sys
