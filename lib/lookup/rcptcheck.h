// The recipient-check interfaces of patched qmail-smtpds, for vrcptcheck:
// where the address comes from and how the answer goes back.
//  - RCPTCHECK patches (Jay Soffian's, John Simpson's combined patch, and the
//    variants derived from them): qmail-smtpd runs $RCPTCHECK once per RCPT
//    with SENDER and RECIPIENT set, no arguments; exit 100 refuses the
//    recipient, 111 is a temporary failure, anything else accepts it.
//  - qmail-spp (RCPT plugins): the address in SMTPRCPTTO; the exit code is
//    ignored, a line "E<reply>" on standard output refuses the command.
//  - anything else: the address as the operand, the exit code as above.
// qmail-smtpd runs it as its own user (qmaild), who cannot read the base
// users' tables; then vrcptcheck asks a vsocketmap running as root over a
// local socket (its map "rcptcheck") instead of reading them.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lookup/address.h"
#include "lookup/connection.h"

namespace vmm::lookup {

enum class RcptVerdict {
  exists,     // accepted, or not ours to judge: let qmail-smtpd go on
  unknown,    // refuse the recipient
  temporary,  // could not decide: try again later
};

RcptVerdict rcpt_verdict(AddressStatus status);

// The address: the operand when there is one, else $SMTPRCPTTO (spp) or
// $RECIPIENT. Error(usage) when there is none (or it is empty), or more than
// one operand.
std::string rcptcheck_address(const std::vector<std::string>& operands, bool spp,
                              const std::function<std::optional<std::string>(const char*)>& env);

// The qmail-spp answer on standard output: "" (nothing: go on),
// "E550 5.1.1 ..." or "E451 4.3.0 ...", each with its '\n'.
std::string spp_answer(RcptVerdict verdict);

// The socketmap name vsocketmap answers vrcptcheck's questions under.
inline constexpr std::string_view kRcptcheckMap = "rcptcheck";

// Asks the server on conn about address (one request, one reply): OK is
// exists, NOTFOUND unknown. Anything else (TEMP, PERM, a malformed reply,
// the server closing or staying silent) throws Error(temporary) saying what
// the server did.
RcptVerdict ask_rcptcheck(Connection& conn, std::string_view address);

}  // namespace vmm::lookup
