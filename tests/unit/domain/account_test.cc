#include "domain/account.h"

#include <doctest/doctest.h>

using vmm::domain::LoginState;
using vmm::domain::account_expired;
using vmm::domain::is_alias;
using vmm::domain::login_state;
using vmm::fmt::Record;

TEST_CASE("account: expiry is the first second the account is expired") {
  Record r;
  CHECK_FALSE(account_expired(r, 2000000000));  // never
  r.expiry = 1000;
  CHECK_FALSE(account_expired(r, 999));
  CHECK(account_expired(r, 1000));
  CHECK(account_expired(r, 1001));
  r.expiry = 0;
  CHECK(account_expired(r, 0));
}

TEST_CASE("account: login state checks mailbox, then enabled, then expiry") {
  Record r;
  r.has_mailbox = true;
  CHECK(login_state(r, 100) == LoginState::ok);
  r.expiry = 50;
  CHECK(login_state(r, 100) == LoginState::expired);
  r.mailbox_enabled = false;
  CHECK(login_state(r, 100) == LoginState::disabled);
  r.has_mailbox = false;
  CHECK(login_state(r, 100) == LoginState::no_mailbox);
  CHECK(is_alias(r));
  r.directory = "./users/sales";  // an alias keeps a directory, as 0.97 stored it
  CHECK(is_alias(r));
}
