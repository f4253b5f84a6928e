// vdeliver's exit codes (SPEC §7), one map per mail system: qmail-local
// reads 0 / 99 / 100 / 111, Postfix local(8) reads <sysexits.h> codes. A
// usage error or a missing environment is the administrator's mistake and
// must not bounce mail: it maps to "temporary" under both.
#pragma once
#include "cli/program.h"
#include "deliver/env.h"
#include "deliver/refusal.h"

namespace vmm::cli {

// qmail: usage 111, permanent 100, temporary 111.
// Postfix: usage 75 (EX_TEMPFAIL), permanent 69, temporary 75; a
// DeliveryRefused gets the code of its refusal (refusal_exit_code), and
// every diagnostic starts with its enhanced status code (dsn_status).
// Standalone: qmail's codes, or with sysexits (--sysexits) Postfix's
// numbers without the status code in front of the diagnostic.
ExitCodes deliver_exit_codes(deliver::Mta mta, bool sysexits = false);

// The RFC 3463 status code of a failure, with a blank after it, for the
// start of vdeliver's diagnostic under Postfix: local(8) takes a first word
// "D.S.N" as the delivery status of its DSN (and its class, 4 or 5, decides
// defer or bounce), so a full mailbox reads "5.2.2", not "5.2.0 can't create
// user output file". No such user 5.1.1, mailbox full 5.2.2, expired or no
// mailbox 5.2.1, loop 5.4.6, another refusal 5.3.0; a usage error (a broken
// .forward) 4.3.5, any other temporary failure 4.3.0.
std::string dsn_status(const Error& e);
// qmail: 100 for every refusal; Postfix (and standalone with sysexits): 67
// no such user (EX_NOUSER), 73 mailbox full (EX_CANTCREAT), 69 other
// (EX_UNAVAILABLE).
int refusal_exit_code(deliver::Mta mta, deliver::Refusal why, bool sysexits = false);
// A vdeliver-predeliver hook's 99: qmail's "delivered, ignore the rest of
// .qmail-default"; Postfix and the others have no such code: plain success.
int stop_exit_code(deliver::Mta mta);

}  // namespace vmm::cli
