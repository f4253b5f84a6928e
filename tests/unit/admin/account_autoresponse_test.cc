#include "admin/account_autoresponse.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;

TEST_CASE("account_autoresponse: the account's stored directory, absolute") {
  TempHome h;
  h.put("joe", mailbox("./users/joe"));
  h.put("ann", mailbox(h.root + "/elsewhere/ann"));
  h.put("fwd", alias({"joe"}));
  CHECK(account_autoresponse(h.domain(), "JOE").paths().message ==
        h.home + "/users/joe/autoresponse/message.txt");
  CHECK(account_autoresponse(h.domain(), "ann").paths().dir == h.root + "/elsewhere/ann/autoresponse");
  CHECK(error_of([&] { account_autoresponse(h.domain(), "fwd"); }) ==
        "account 'fwd' has no directory for an autoresponse");
  CHECK(error_of([&] { account_autoresponse(h.domain(), "nobody"); }) ==
        "account 'nobody' does not exist");
}

TEST_CASE("autoresponse_warning: a message without header lines or Subject") {
  CHECK(autoresponse_warning("Subject: x\n\nbody") == "");
  CHECK(autoresponse_warning("subject: x\n\n") == "");
  CHECK(autoresponse_warning("From: me@x\n\nbody") ==
        "the message has no Subject line: replies are titled 'Auto: <the original subject>'");
  CHECK(autoresponse_warning("Gone fishing.\n") ==
        "the message has no header lines: all of it is the body, and replies are titled "
        "'Auto: <the original subject>'");
  CHECK(autoresponse_warning("") == "");  // refused by write, which says why
}
