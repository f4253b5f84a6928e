#include "lookup/rcptcheck.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "connection_testing.h"
#include "sys/error.h"

using namespace vmm::lookup;
using vmm::Error;
using vmm::ErrorClass;

namespace {

struct Env {
  std::map<std::string, std::string> vars;
  std::optional<std::string> operator()(const char* name) const {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  }
};

std::string usage(const std::vector<std::string>& operands, bool spp, const Env& env) {
  try {
    rcptcheck_address(operands, spp, env);
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::usage);
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("rcpt_verdict: what is not ours is let through") {
  CHECK(rcpt_verdict(AddressStatus::accepted) == RcptVerdict::exists);
  CHECK(rcpt_verdict(AddressStatus::not_ours) == RcptVerdict::exists);
  CHECK(rcpt_verdict(AddressStatus::unknown) == RcptVerdict::unknown);
}

TEST_CASE("rcptcheck_address: the operand, else RECIPIENT, or SMTPRCPTTO for qmail-spp") {
  Env env{{{"RECIPIENT", "joe@example.test"}, {"SMTPRCPTTO", "ann@example.test"},
           {"SENDER", "x@y.test"}}};
  CHECK(rcptcheck_address({"op@example.test"}, false, env) == "op@example.test");
  CHECK(rcptcheck_address({"op@example.test"}, true, env) == "op@example.test");
  CHECK(rcptcheck_address({}, false, env) == "joe@example.test");
  CHECK(rcptcheck_address({}, true, env) == "ann@example.test");
  CHECK(usage({}, false, Env{}) == "no address: give one or set RECIPIENT");
  CHECK(usage({}, true, Env{{{"RECIPIENT", "joe@example.test"}}}) ==
        "no address: give one or set SMTPRCPTTO");
  CHECK(usage({}, false, Env{{{"RECIPIENT", ""}}}) == "no address: give one or set RECIPIENT");
  CHECK(usage({""}, false, env) == "empty address");
  CHECK(usage({"a@b", "c@d"}, false, env) == "unexpected operand 'c@d'");
}

TEST_CASE("spp_answer: exact lines for qmail-spp") {
  CHECK(spp_answer(RcptVerdict::exists) == "");
  CHECK(spp_answer(RcptVerdict::unknown) == "E550 5.1.1 sorry, no mailbox here by that name\n");
  CHECK(spp_answer(RcptVerdict::temporary) ==
        "E451 4.3.0 temporary failure checking the recipient, try again later\n");
}

TEST_CASE("ask_rcptcheck: one request, the reply decides; anything odd is temporary") {
  using vmm::testing::ScriptedConnection;
  auto ask = [](std::vector<std::string> pieces, ConnectionRead at_end = ConnectionRead::closed) {
    ScriptedConnection c;
    c.pieces = std::move(pieces);
    c.at_end = at_end;
    RcptVerdict v = ask_rcptcheck(c, "joe@example.test");
    CHECK(c.all() == "26:rcptcheck joe@example.test,");
    return v;
  };
  CHECK(ask({"11:OK accepted,"}) == RcptVerdict::exists);
  CHECK(ask({"11:OK not ours,"}) == RcptVerdict::exists);
  CHECK(ask({"9:NOTF", "OUND ,"}) == RcptVerdict::unknown);  // split anywhere
  auto message = [&](std::vector<std::string> pieces, ConnectionRead at_end = ConnectionRead::closed) {
    try {
      ask(std::move(pieces), at_end);
    } catch (const vmm::Error& e) {
      CHECK(e.cls() == vmm::ErrorClass::temporary);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message({"17:TEMP table\x01" "broken,"}) == "the lookup server answered: TEMP table?broken");
  CHECK(message({"13:PERM no map x,"}) == "the lookup server answered: PERM no map x");
  CHECK(message({"3:BAD,"}) == "the lookup server answered: BAD");
  CHECK(message({"x:OK,"}) == "the lookup server sent a malformed reply");
  CHECK(message({"999999:"}) == "the lookup server sent a malformed reply");
  CHECK(message({"9:NOTF"}) == "the lookup server closed the connection without a reply");
  CHECK(message({}, ConnectionRead::timeout) == "the lookup server did not answer in time");
  ScriptedConnection stalled;
  stalled.stall = true;
  CHECK_THROWS_WITH(ask_rcptcheck(stalled, "a@b"), "the lookup server does not read its requests");
}
