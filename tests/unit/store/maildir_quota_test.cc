#include "store/maildir_quota.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <utime.h>

#include <ctime>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"

using vmm::fmt::QuotaLimits;
using vmm::store::MaildirQuota;
using vmm::store::quota_excess;
using vmm::store::QuotaUsage;
using vmm::store::scan_maildir;
using namespace vmm::testing;

namespace {

// A Maildir holding 3 messages of 100 + 200 + 7 bytes (the last without S=).
struct Box {
  TempDir tmp;
  std::string md = tmp / "md";
  Box() {
    make_maildir(md);
    write_file(md + "/new/1.M1P1Q1R1.h,S=100", "ignored: S= wins");
    write_file(md + "/cur/2.M1P1Q2R1.h,S=200:2,S", "x");
    write_file(md + "/cur/3.M1P1Q3R1.h:2,", "seven b");
    write_file(md + "/tmp/4.M1P1Q4R1.h", std::string(5000, 't'));  // tmp/ never counts
  }
  std::string size_file() const { return md + "/maildirsize"; }
};

void set_mtime(const std::string& path, std::time_t t) {
  struct utimbuf times{t, t};
  REQUIRE(::utime(path.c_str(), &times) == 0);
}

}  // namespace

TEST_CASE("scan_maildir: new/ and cur/ of the Maildir and of every folder") {
  Box box;
  CHECK(scan_maildir(box.md) == QuotaUsage{307, 3});
  make_maildir(box.md + "/.Sent");
  write_file(box.md + "/.Sent/cur/5.M1P1Q5R1.h,S=1000,W=1030:2,S", "");
  make_maildir(box.md + "/.Trash");  // counted, as Dovecot does by default
  write_file(box.md + "/.Trash/new/6.h,S=11", "");
  create_dir(box.md + "/.Empty");    // a folder without new/ or cur/
  write_file(box.md + "/.dotfile", "not a folder");
  CHECK(scan_maildir(box.md) == QuotaUsage{1318, 5});
}

TEST_CASE("scan_maildir: a malformed S= falls back to the file's size") {
  Box box;
  write_file(box.md + "/new/9.h,S=12x", "1234");    // junk after the digits
  write_file(box.md + "/new/10.h,S=", "12345");     // no digits
  CHECK(scan_maildir(box.md) == QuotaUsage{307 + 4 + 5, 5});
}

TEST_CASE("scan_maildir: a missing Maildir is empty") {
  TempDir tmp;
  CHECK(scan_maildir(tmp / "none") == QuotaUsage{0, 0});
}

TEST_CASE("quota_excess: bytes first, then the count; a limit of 0 is real") {
  CHECK(quota_excess({1000, 10}, {800, 3}, 200) == "");
  CHECK(quota_excess({1000, 10}, {800, 3}, 201) ==
        "800 of 1000 bytes used, the message needs 201");
  CHECK(quota_excess({1000, 10}, {100, 10}, 1) == "10 of at most 10 messages stored");
  CHECK(quota_excess({std::nullopt, std::nullopt}, {1u << 30, 1u << 20}, 1u << 30) == "");
  CHECK(quota_excess({0, std::nullopt}, {0, 0}, 1) == "0 of 0 bytes used, the message needs 1");
  CHECK(quota_excess({std::nullopt, 0}, {0, 0}, 1) == "0 of at most 0 messages stored");
}

TEST_CASE("MaildirQuota: a missing file is recomputed and written") {
  Box box;
  MaildirQuota q(box.md, {5000, 100}, std::time(nullptr));
  CHECK(q.path() == box.size_file());
  CHECK(q.usage(10) == QuotaUsage{307, 3});
  CHECK(file_bytes(box.size_file()) == "5000S,100C\n307 3\n");
  struct stat st;
  REQUIRE(::stat(box.size_file().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(list_dir(box.md + "/tmp") == std::vector<std::string>{"4.M1P1Q4R1.h"});  // no leftovers
}

TEST_CASE("MaildirQuota: a trustworthy file is used as it is") {
  Box box;
  write_file(box.size_file(), "5000S,100C\n1000 10\n");  // not what is on disk: proves it is read
  MaildirQuota q(box.md, {5000, 100}, std::time(nullptr));
  CHECK(q.usage(10) == QuotaUsage{1000, 10});
  CHECK(file_bytes(box.size_file()) == "5000S,100C\n1000 10\n");
}

TEST_CASE("MaildirQuota: recomputed when other limits, 5120 bytes or garbage") {
  std::time_t now = std::time(nullptr);
  {
    Box box;
    write_file(box.size_file(), "9999S\n1000 10\n");  // the record's limits changed
    CHECK(MaildirQuota(box.md, {5000, 100}, now).usage(1) == QuotaUsage{307, 3});
    CHECK(file_bytes(box.size_file()) == "5000S,100C\n307 3\n");
  }
  {
    Box box;
    std::string big = "5000S\n";
    while (big.size() < 5120) big += "1 1\n";
    write_file(box.size_file(), big);
    CHECK(MaildirQuota(box.md, {5000, std::nullopt}, now).usage(1) == QuotaUsage{307, 3});
    CHECK(file_bytes(box.size_file()) == "5000S\n307 3\n");
  }
  {
    Box box;
    std::string almost = "5000S\n";
    while (almost.size() + 4 < 5120) almost += "1 0\n";
    write_file(box.size_file(), almost);  // 5119 bytes or less: still trusted
    CHECK(MaildirQuota(box.md, {5000, std::nullopt}, now).usage(1).count == 0);
  }
  {
    Box box;
    write_file(box.size_file(), "5000S\nbroken\n");
    CHECK(MaildirQuota(box.md, {5000, std::nullopt}, now).usage(1) == QuotaUsage{307, 3});
  }
  {
    Box box;  // the file Dovecot writes without limits, while the record now has some
    write_file(box.size_file(), "0S\n12 1\n");
    CHECK(MaildirQuota(box.md, {400, std::nullopt}, now).usage(1) == QuotaUsage{307, 3});
  }
}

TEST_CASE("MaildirQuota: over quota with several lines or an old file: recomputed") {
  std::time_t now = std::time(nullptr);
  {
    Box box;  // one change line, fresh: trusted even though it says "full"
    write_file(box.size_file(), "1000S\n990 5\n");
    CHECK(MaildirQuota(box.md, {1000, std::nullopt}, now).usage(20) == QuotaUsage{990, 5});
  }
  {
    Box box;  // two lines and the message would not fit: look again
    write_file(box.size_file(), "1000S\n900 4\n90 1\n");
    CHECK(MaildirQuota(box.md, {1000, std::nullopt}, now).usage(20) == QuotaUsage{307, 3});
  }
  {
    Box box;  // two lines but it fits: trusted
    write_file(box.size_file(), "1000S\n900 4\n50 1\n");
    CHECK(MaildirQuota(box.md, {1000, std::nullopt}, now).usage(20) == QuotaUsage{950, 5});
  }
  {
    Box box;  // one line, older than 15 minutes, would not fit: look again
    write_file(box.size_file(), "1000S\n990 5\n");
    set_mtime(box.size_file(), now - 16 * 60);
    CHECK(MaildirQuota(box.md, {1000, std::nullopt}, now).usage(20) == QuotaUsage{307, 3});
  }
  {
    Box box;  // old but fits: trusted
    write_file(box.size_file(), "1000S\n500 5\n");
    set_mtime(box.size_file(), now - 3600);
    CHECK(MaildirQuota(box.md, {1000, std::nullopt}, now).usage(20) == QuotaUsage{500, 5});
  }
}

TEST_CASE("MaildirQuota: add appends a change line, and only to an existing file") {
  Box box;
  MaildirQuota q(box.md, {5000, std::nullopt}, std::time(nullptr));
  q.add(120, 1);
  CHECK(!std::filesystem::exists(box.size_file()));
  CHECK(q.usage(1) == QuotaUsage{307, 3});
  q.add(120, 1);
  q.add(-100, -1);
  CHECK(file_bytes(box.size_file()) == "5000S\n307 3\n120 1\n-100 -1\n");
  CHECK(q.usage(1) == QuotaUsage{327, 3});
}

TEST_CASE("MaildirQuota: errors name the file") {
  Box box;
  create_dir(box.size_file());  // a directory where the file should be
  MaildirQuota q(box.md, {5000, std::nullopt}, std::time(nullptr));
  CHECK_THROWS_WITH_AS(q.add(1, 1), ("unable to open " + box.size_file() + ": Is a directory").c_str(),
                       vmm::Error);
  // A directory in the way cannot be replaced by the rewrite either.
  CHECK_THROWS_AS(q.usage(1), vmm::Error);
  CHECK(list_dir(box.md + "/tmp") == std::vector<std::string>{"4.M1P1Q4R1.h"});
}
