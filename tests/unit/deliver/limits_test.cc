#include "deliver/limits.h"

#include <doctest/doctest.h>

#include <ctime>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "deliver/refusal.h"

using namespace vmm;
using namespace vmm::deliver;
using namespace vmm::testing;

namespace {

struct Box {
  TempDir tmp;
  Recipient r;
  Box() {
    r.name = "joe";
    r.maildir = tmp / "md";
    r.record.has_mailbox = true;
    make_maildir(r.maildir);
    write_file(r.maildir + "/cur/1.h,S=600:2,", "");
  }
};

std::string refused(const Box& b, std::uint64_t size) {
  try {
    check_mailbox_limits(b.r, size, std::time(nullptr));
  } catch (const DeliveryRefused& e) {
    CHECK(e.why() == Refusal::mailbox_full);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("check_mailbox_limits: no limits, nothing read or written") {
  Box b;
  CHECK(refused(b, 1u << 30) == "");
  CHECK(!std::filesystem::exists(b.r.maildir + "/maildirsize"));
}

TEST_CASE("check_mailbox_limits: the message size limit") {
  Box b;
  b.r.record.msg_size = 100;
  CHECK(refused(b, 100) == "");
  CHECK(refused(b, 101) ==
        "mailbox full: the message (101 bytes) is larger than the message size limit of 'joe' "
        "(100 bytes)");
  b.r.record.msg_size = 0;  // a real 0
  CHECK(refused(b, 1) != "");
}

TEST_CASE("check_mailbox_limits: hard quota and message count through maildirsize") {
  Box b;
  b.r.record.hard_quota = 1000;
  CHECK(refused(b, 400) == "");
  CHECK(file_bytes(b.r.maildir + "/maildirsize") == "1000S\n600 1\n");
  CHECK(refused(b, 401) == "mailbox full: 'joe' has 600 of 1000 bytes used, the message needs 401");
  b.r.record.msg_count = 1;
  CHECK(refused(b, 1) == "mailbox full: 'joe' has 1 of at most 1 messages stored");
  CHECK(file_bytes(b.r.maildir + "/maildirsize") == "1000S,1C\n600 1\n");
  b.r.record.hard_quota.reset();
  CHECK(refused(b, 1) == "mailbox full: 'joe' has 1 of at most 1 messages stored");
}

TEST_CASE("count_delivery: appends to maildirsize when there is one") {
  Box b;
  count_delivery(b.r, 50, std::time(nullptr));
  CHECK(!std::filesystem::exists(b.r.maildir + "/maildirsize"));
  b.r.record.hard_quota = 5000;
  CHECK(refused(b, 50) == "");
  count_delivery(b.r, 50, std::time(nullptr));
  CHECK(file_bytes(b.r.maildir + "/maildirsize") == "5000S\n600 1\n50 1\n");
}
