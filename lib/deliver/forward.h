// Forwarding a delivered message (SPEC §7 step 5): one injection for all of
// an account's forwards, through <qmail-root>/bin/qmail-queue when it exists
// (message on fd 0, envelope on fd 1), else the `sendmail` setting
// (`-oi -f SENDER -- ADDRESS...`). The copy sent is the Delivered-To line
// then the message as received, read back from vdeliver's stored copy.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "domain/config.h"

namespace vmm::deliver {

// A forward as stored, made a full address: "name" -> name@domain,
// "name@" -> name@me (qmail's control/me), "a@b" as it is. An empty or
// control-character-holding result: DeliveryRefused(other).
std::string complete_forward(const std::string& forward, const std::string& domain,
                             const std::string& me);

// <qmail-root>/control/me, else this host's fully-qualified name.
std::string qmail_me(const domain::Config& config);

// qmail-queue's envelope: "F" sender NUL, "T" address NUL for each, NUL.
std::string qmail_envelope(const std::string& sender, const std::vector<std::string>& addresses);

struct ForwardRoute {
  std::vector<std::string> argv;  // the program, then its arguments
  bool qmail_queue = false;       // envelope on fd 1, qmail-queue's exit codes
};

// qmail-queue when <qmail-root>/bin/qmail-queue exists, else the sendmail
// setting split at blanks (no shell), then -oi -f SENDER ("<>" for the null
// sender) -- ADDRESS....
ForwardRoute forward_route(const domain::Config& config, const std::string& sender,
                           const std::vector<std::string>& addresses);

// What an exit status of the route means: "" for success; otherwise throws
// DeliveryRefused(other) for a permanent refusal (qmail-queue 11-40; sendmail
// EX_DATAERR, EX_NOUSER, EX_NOHOST, EX_UNAVAILABLE, EX_PROTOCOL, EX_NOPERM)
// and Error(temporary) for anything else.
void check_forward_status(const ForwardRoute& route, int status);

// Runs the route with dtline followed by the bytes of fd from offset on.
void send_forward(const ForwardRoute& route, const std::string& sender,
                  const std::vector<std::string>& addresses, const std::string& dtline, int fd,
                  std::uint64_t offset);

}  // namespace vmm::deliver
