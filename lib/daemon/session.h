// One vmailmgrd connection (SPEC §15): one request read from in, its reply
// frames written to out, then the connection is done — VMailMgr's clients
// read to end of file. Nothing here throws: whatever happens becomes the
// one log line the program prints.
#pragma once
#include <chrono>

#include "daemon/credentials.h"
#include "daemon/log_line.h"

namespace vmm::daemon {

struct SessionLimits {
  std::chrono::milliseconds request{std::chrono::seconds(5)};  // to send the whole request
  std::chrono::milliseconds reply{std::chrono::seconds(5)};    // to take each reply frame
};

// Reads the request within limits.request; a connection closed before any
// byte is logged and not answered; a truncated, late or foreign frame, one
// that does not decode, an unknown command, a wrong argument count get BAD;
// the rest goes to dispatch. Every argument (passwords among them) is wiped
// before this returns. The entry's peer is left to the caller.
LogEntry serve_connection(int in, int out, const DaemonContext& ctx, const SessionLimits& limits);

}  // namespace vmm::daemon
