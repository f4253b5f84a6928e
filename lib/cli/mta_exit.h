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
// DeliveryRefused gets the code of its refusal (refusal_exit_code).
ExitCodes deliver_exit_codes(deliver::Mta mta);
// qmail: 100 for every refusal; Postfix: 67 no such user (EX_NOUSER), 73
// mailbox full (EX_CANTCREAT), 69 other (EX_UNAVAILABLE).
int refusal_exit_code(deliver::Mta mta, deliver::Refusal why);
// A vdeliver-predeliver hook's 99: qmail's "delivered, ignore the rest of
// .qmail-default"; Postfix has no such code, so there it is plain success.
int stop_exit_code(deliver::Mta mta);

}  // namespace vmm::cli
