#include "lookup/rcptcheck.h"

#include "fmt/netstring.h"
#include "lookup/socketmap.h"
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

RcptVerdict ask_rcptcheck(Connection& conn, std::string_view address) {
  auto fail = [](const std::string& what) {
    return Error(ErrorClass::temporary, "the lookup server " + what);
  };
  const std::string request = std::string(kRcptcheckMap) + " " + std::string(address);
  if (request.size() > kSocketmapMax) throw Error(ErrorClass::usage, "address too long");
  if (conn.write(fmt::netstring(request)) == ConnectionWrite::timeout)
    throw fail("does not read its requests");
  fmt::NetstringReader reader(kSocketmapMax);
  std::string input, reply;
  for (;;) {
    switch (reader.next(reply)) {
      case fmt::NetstringStatus::complete: {
        if (reply.starts_with("OK ")) return RcptVerdict::exists;
        if (reply == "NOTFOUND ") return RcptVerdict::unknown;
        for (char& c : reply)
          if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
        throw fail("answered: " + reply);
      }
      case fmt::NetstringStatus::malformed:
      case fmt::NetstringStatus::too_long: throw fail("sent a malformed reply");
      case fmt::NetstringStatus::need_more: break;
    }
    input.clear();
    switch (conn.read(input, 65536)) {
      case ConnectionRead::data: reader.feed(input); break;
      case ConnectionRead::closed: throw fail("closed the connection without a reply");
      case ConnectionRead::timeout: throw fail("did not answer in time");
    }
  }
}

}  // namespace vmm::lookup
