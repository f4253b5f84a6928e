// A program that speaks a protocol on its standard input and output (the
// authpipe program under authdaemond) must never let anything else touch
// them: a hook it runs would inherit fds 0 and 1, could read a request meant
// for us or write into a reply, and authdaemond restarts a program that
// writes anything unasked.
#pragma once
#include "sys/fd.h"

namespace vmm::sys {

struct ProtocolFds {
  Fd in, out;  // the protocol, on new close-on-exec descriptors above 2
};

// Moves the protocol off fds 0 and 1: opens /dev/null on any of 0-2 that is
// closed, duplicates 0 and 1 to new close-on-exec descriptors, then points
// fd 0 at /dev/null and fd 1 at fd 2 (standard error), so programs started
// later, and any stray write to standard output, see only those. Throws by
// errno when a step fails.
ProtocolFds take_protocol_fds();

}  // namespace vmm::sys
