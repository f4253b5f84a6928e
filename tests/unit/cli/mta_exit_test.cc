#include "cli/mta_exit.h"

#include <doctest/doctest.h>

using namespace vmm;
using namespace vmm::cli;
using namespace vmm::deliver;

TEST_CASE("deliver_exit_codes: qmail 100/111, Postfix sysexits; usage is temporary") {
  ExitCodes q = deliver_exit_codes(Mta::qmail);
  CHECK(q.of(ErrorClass::usage) == 111);
  CHECK(q.of(ErrorClass::permanent) == 100);
  CHECK(q.of(ErrorClass::temporary) == 111);
  CHECK(q.of(ErrorClass::bad_login) == 100);
  ExitCodes p = deliver_exit_codes(Mta::postfix);
  CHECK(p.of(ErrorClass::usage) == 75);
  CHECK(p.of(ErrorClass::permanent) == 69);
  CHECK(p.of(ErrorClass::temporary) == 75);
  CHECK(p.of(ErrorClass::bad_login) == 69);
}

TEST_CASE("refusal_exit_code: one code under qmail, the reason under Postfix") {
  CHECK(refusal_exit_code(Mta::qmail, Refusal::no_such_user) == 100);
  CHECK(refusal_exit_code(Mta::qmail, Refusal::mailbox_full) == 100);
  CHECK(refusal_exit_code(Mta::qmail, Refusal::other) == 100);
  CHECK(refusal_exit_code(Mta::postfix, Refusal::no_such_user) == 67);
  CHECK(refusal_exit_code(Mta::postfix, Refusal::mailbox_full) == 73);
  CHECK(refusal_exit_code(Mta::postfix, Refusal::other) == 69);
}

TEST_CASE("stop_exit_code and DeliveryRefused") {
  CHECK(stop_exit_code(Mta::qmail) == 99);
  CHECK(stop_exit_code(Mta::postfix) == 0);
  DeliveryRefused r(Refusal::mailbox_full, "mailbox full: x");
  CHECK(r.cls() == ErrorClass::permanent);
  CHECK(r.why() == Refusal::mailbox_full);
  CHECK(std::string(r.what()) == "mailbox full: x");
}

TEST_CASE("deliver_exit_codes: a refusal gets its own code, in one map") {
  const DeliveryRefused full(Refusal::mailbox_full, "mailbox full");
  const DeliveryRefused unknown(Refusal::no_such_user, "no such user");
  const Error plain(ErrorClass::permanent, "loop");
  CHECK(deliver_exit_codes(Mta::postfix).of(full) == 73);
  CHECK(deliver_exit_codes(Mta::postfix).of(unknown) == 67);
  CHECK(deliver_exit_codes(Mta::postfix).of(plain) == 69);
  CHECK(deliver_exit_codes(Mta::qmail).of(full) == 100);
  CHECK(deliver_exit_codes(Mta::qmail).of(Error(ErrorClass::temporary, "x")) == 111);
}

TEST_CASE("dsn_status: Postfix reads the first word as the DSN status") {
  CHECK(dsn_status(DeliveryRefused(Refusal::no_such_user, "x")) == "5.1.1 ");
  CHECK(dsn_status(DeliveryRefused(Refusal::mailbox_full, "x")) == "5.2.2 ");
  CHECK(dsn_status(DeliveryRefused(Refusal::mailbox_disabled, "x")) == "5.2.1 ");
  CHECK(dsn_status(DeliveryRefused(Refusal::loop, "x")) == "5.4.6 ");
  CHECK(dsn_status(DeliveryRefused(Refusal::other, "x")) == "5.3.0 ");
  CHECK(dsn_status(Error(ErrorClass::temporary, "x")) == "4.3.0 ");
  CHECK(dsn_status(Error(ErrorClass::usage, "x")) == "4.3.5 ");
  CHECK(static_cast<bool>(deliver_exit_codes(Mta::postfix).status));
  CHECK_FALSE(deliver_exit_codes(Mta::qmail).status);  // qmail-local reads no status codes
  CHECK(refusal_exit_code(Mta::postfix, Refusal::mailbox_disabled) == 69);
  CHECK(refusal_exit_code(Mta::postfix, Refusal::loop) == 69);
}

TEST_CASE("deliver_exit_codes standalone: qmail's codes, or sysexits without status codes") {
  const DeliveryRefused full(Refusal::mailbox_full, "mailbox full");
  ExitCodes q = deliver_exit_codes(Mta::standalone);
  CHECK(q.of(full) == 100);
  CHECK(q.of(Error(ErrorClass::temporary, "x")) == 111);
  CHECK(q.of(Error(ErrorClass::usage, "x")) == 111);
  CHECK_FALSE(q.status);
  ExitCodes s = deliver_exit_codes(Mta::standalone, true);
  CHECK(s.of(full) == 73);
  CHECK(s.of(DeliveryRefused(Refusal::no_such_user, "x")) == 67);
  CHECK(s.of(DeliveryRefused(Refusal::loop, "x")) == 69);
  CHECK(s.of(Error(ErrorClass::temporary, "x")) == 75);
  CHECK(s.of(Error(ErrorClass::usage, "x")) == 75);
  CHECK_FALSE(s.status);  // only Postfix's local(8) reads a status code
  CHECK(stop_exit_code(Mta::standalone) == 0);
  CHECK(refusal_exit_code(Mta::qmail, Refusal::mailbox_full, true) == 100);  // qmail-local stays qmail
}
