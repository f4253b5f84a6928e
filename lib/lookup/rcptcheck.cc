#include "lookup/rcptcheck.h"

#include "sys/error.h"

namespace vmm::lookup {

RcptVerdict rcpt_verdict(AddressStatus status) {
  switch (status) {
    case AddressStatus::accepted:
    case AddressStatus::not_ours: return RcptVerdict::exists;
    case AddressStatus::unknown: return RcptVerdict::unknown;
  }
  return RcptVerdict::temporary;
}

std::string rcptcheck_address(const std::vector<std::string>& operands, bool spp,
                              const std::function<std::optional<std::string>(const char*)>& env) {
  if (operands.size() > 1) throw Error(ErrorClass::usage, "unexpected operand '" + operands[1] + "'");
  if (!operands.empty()) {
    if (operands[0].empty()) throw Error(ErrorClass::usage, "empty address");
    return operands[0];
  }
  const char* name = spp ? "SMTPRCPTTO" : "RECIPIENT";
  std::optional<std::string> address = env(name);
  if (!address || address->empty())
    throw Error(ErrorClass::usage, std::string("no address: give one or set ") + name);
  return *address;
}

std::string spp_answer(RcptVerdict verdict) {
  switch (verdict) {
    case RcptVerdict::exists: return "";
    case RcptVerdict::unknown: return "E550 5.1.1 sorry, no mailbox here by that name\n";
    case RcptVerdict::temporary:
      return "E451 4.3.0 temporary failure checking the recipient, try again later\n";
  }
  return "";
}

}  // namespace vmm::lookup
