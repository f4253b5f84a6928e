#include <doctest/doctest.h>

#include <string>

#include "store/record_edit.h"
#include "sys/error.h"
#include "table_testing.h"

using namespace vmm;

TEST_CASE("an edit sets exactly the fields it holds") {
  fmt::Record r = table_testing::account("h1", "Ann");
  r.hard_quota = 5;
  store::RecordEdit e;
  e.soft_quota = fmt::Limit(0);   // a real 0
  e.msg_size = fmt::Limit();      // "-": unlimited
  e.mailbox_enabled = false;
  e.password = "h2";
  e.apply(r);
  CHECK(r.soft_quota == fmt::Limit(0));
  CHECK(r.msg_size == fmt::Limit());
  CHECK_FALSE(r.mailbox_enabled);
  CHECK(r.password == "h2");
  CHECK(r.hard_quota == fmt::Limit(5));  // untouched
  CHECK(r.personal == "Ann");
  CHECK(r.directory == "./users/h1");
}

TEST_CASE("queued edits encode and decode to the same thing") {
  store::RecordEdit all;
  all.msg_count = fmt::Limit(7);
  all.expiry = fmt::Limit();
  all.hard_quota = fmt::Limit(18446744073709551615ull);
  all.soft_quota = fmt::Limit(0);
  all.msg_size = fmt::Limit(100);
  all.mailbox_enabled = true;
  all.personal = "Ann, 3rd floor: room 12,5";  // netstring separators inside
  all.password = "$y$j9T$salt$hash";
  store::RecordEdit one;
  one.hard_quota = fmt::Limit(3);
  const store::Edits edits = {{"ann", all}, {"bob", one}, {"ann", one}};
  const std::string bytes = store::encode_edits(edits);
  CHECK(bytes.rfind("16:vmailmgr-edits-1,3:ann,", 0) == 0);
  CHECK(store::decode_edits(bytes) == edits);
}

TEST_CASE("what the queue did not write is refused") {
  auto refused = [](const std::string& bytes) {
    try {
      store::decode_edits(bytes);
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::permanent);
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refused("") == "malformed queued change: unknown version");
  CHECK(refused("16:vmailmgr-edits-2,3:ann,4:Q123,") == "malformed queued change: unknown version");
  CHECK(refused("16:vmailmgr-edits-1,") == "malformed queued change: no edit");
  CHECK(refused("16:vmailmgr-edits-1,3:ann,") == "malformed queued change: an account without fields");
  CHECK(refused("16:vmailmgr-edits-1,3:ann,5:4:Q12,") == "malformed queued change: cut short");
  CHECK(refused("16:vmailmgr-edits-1,3:ann,6:3:X12,,") == "malformed queued change: unknown field 'X'");
  CHECK(refused("16:vmailmgr-edits-1,3:ann,6:3:Q1x,,") == "malformed queued change: bad number");
  CHECK(refused("16:vmailmgr-edits-1,3:ann,25:21:Q99999999999999999999,,") ==
        "malformed queued change: number too large");
  CHECK(refused("16:vmailmgr-edits-1,3:ann,5:2:E2,,") == "malformed queued change: bad flag");
  CHECK(refused("16:vmailmgr-edits-1,0:,4:1:p,,") == "malformed queued change: empty account name");
  CHECK(refused("16:vmailmgr-edits-1,3:ann;") == "malformed queued change: not netstrings");
}
