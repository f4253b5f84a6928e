#include "store/maildir_stat.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"

using namespace vmm::store;
using vmm::testing::make_maildir;
using vmm::testing::TempDir;
using vmm::testing::write_file;

TEST_CASE("maildir_stats: new, unseen and seen, counted with their bytes") {
  TempDir t;
  const std::string md = t.path + "/Maildir";
  make_maildir(md);
  CHECK(maildir_stats(md) == MaildirStats{});

  write_file(md + "/new/1.M1P1.host,S=5", "12345");
  write_file(md + "/new/2.M1P1.host", std::string(1000, 'x'));
  write_file(md + "/cur/3.M1P1.host:2,S", "seen!");                  // seen
  write_file(md + "/cur/4.M1P1.host:2,RS", "also seen");             // seen, replied
  write_file(md + "/cur/5.M1P1.host:2,FRST", "seen, flagged, trashed");
  write_file(md + "/cur/6.M1P1.host:2,", "unseen");                  // no flags
  write_file(md + "/cur/7.M1P1.host:2,FR", "flagged, unseen");
  write_file(md + "/cur/8.M1P1.host", "no info at all");             // unseen
  write_file(md + "/cur/9.M1P1.host:1,S", "experimental info 1");    // not "2,": unseen
  write_file(md + "/cur/10.M1P1.hoSt:2,a", "an S in the host");      // unseen
  // Not messages: dot files, directories, symlinks, tmp/.
  write_file(md + "/cur/.hidden:2,S", "x");
  vmm::testing::create_dir(md + "/cur/subdir:2,S");
  REQUIRE(::symlink("/etc/passwd", (md + "/new/link").c_str()) == 0);
  write_file(md + "/tmp/11.M1P1.host", "in delivery");
  // Sub-folders are not counted.
  make_maildir(md + "/.Sent");
  write_file(md + "/.Sent/cur/12.M1P1.host:2,S", "sent");

  MaildirStats s = maildir_stats(md);
  CHECK(s.fresh == MessageCount{2, 1005});
  CHECK(s.seen == MessageCount{3, 5 + 9 + 22});
  CHECK(s.unseen == MessageCount{5, 6 + 15 + 14 + 19 + 16});
}

TEST_CASE("maildir_stats: not a Maildir") {
  TempDir t;
  CHECK(vmm::testing::error_of([&] { maildir_stats(t.path + "/none"); }) ==
        "unable to open directory " + t.path + "/none/new: No such file or directory");
  vmm::testing::create_dir(t.path + "/half");
  vmm::testing::create_dir(t.path + "/half/new");
  CHECK(vmm::testing::error_of([&] { maildir_stats(t.path + "/half"); }) ==
        "unable to open directory " + t.path + "/half/cur: No such file or directory");
}
