#include "import/mailbox_copy.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "../testing/time_zone.h"

using namespace vmm;
using namespace vmm::import;
using namespace vmm::testing;

namespace {

// name after ":2," -> bytes, for every file of dir
std::vector<std::string> messages(const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& n : list_dir(dir)) out.push_back(n.substr(n.find(":2,") + 3) + "|" + file_bytes(dir + "/" + n));
  std::sort(out.begin(), out.end());
  return out;
}

time_t mtime(const std::string& path) {
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mtime;
}

}  // namespace

TEST_CASE("bring_mailbox: an mbox becomes cur/ messages with flags and the From-line time") {
  TimeZone tz("UTC");
  TempDir t;
  write_file(t / "mbox",
             "From joe@example.org Wed Nov 24 11:05:35 1999\nStatus: RO\n\nfirst\n\n"
             "From ann@example.org undated 12:00\nX-Status: F\n\nsecond\n");
  make_maildir(t / "md");
  store::MaildirFill fill(t / "md", "host");
  MailboxCount c = bring_mailbox({Mailbox::mbox, t / "mbox"}, fmt::MboxQuoting::mboxo, 1796299200, &fill, t / "md");
  CHECK(c.messages == 2);
  CHECK(c.bytes == 39);
  CHECK(messages(t / "md/cur") == std::vector<std::string>{"F|X-Status: F\n\nsecond\n", "S|Status: RO\n\nfirst\n\n"});
  for (const std::string& n : list_dir(t / "md/cur")) {
    if (n.ends_with(":2,S")) CHECK(mtime(t / "md/cur/" + n) == 943441535);
    else CHECK(mtime(t / "md/cur/" + n) > 943441535);  // no date: the time it was written
  }
}

TEST_CASE("bring_mailbox: counting only, a missing mailbox, mboxrd quoting") {
  TempDir t;
  write_file(t / "mbox", "From a 12:00\n\n>>From x\n");
  MailboxCount c = bring_mailbox({Mailbox::mbox, t / "mbox"}, fmt::MboxQuoting::mboxo, 0, nullptr, "");
  CHECK(c.messages == 1);
  CHECK(c.bytes == 10);
  c = bring_mailbox({Mailbox::mbox, t / "missing"}, fmt::MboxQuoting::mboxo, 0, nullptr, "");
  CHECK(c.messages == 0);
  make_maildir(t / "md");
  store::MaildirFill fill(t / "md", "h");
  bring_mailbox({Mailbox::mbox, t / "mbox"}, fmt::MboxQuoting::mboxrd, 0, &fill, t / "md");
  CHECK(messages(t / "md/cur") == std::vector<std::string>{"|\n>From x\n"});
}

TEST_CASE("bring_mailbox: a Maildir is copied with its folders; tmp/, other files and links stay") {
  TempDir t;
  write_file(t / "old/cur/1.a.h:2,S", "seen");
  write_file(t / "old/new/2.b.h", "new mail");
  write_file(t / "old/tmp/3.c.h", "half delivered");
  write_file(t / "old/maildirsize", "1000S\n");
  write_file(t / "old/.Sent/cur/4.d.h:2,S", "sent");
  write_file(t / "old/.Sent/maildirfolder", "");
  create_dir(t / "old/.Empty");
  create_dir(t / "old/.Empty/cur");
  create_dir(t / "old/.notafolder");
  REQUIRE(::symlink("/etc/passwd", (t / "old/cur/5.e.h:2,").c_str()) == 0);
  make_maildir(t / "md");
  store::MaildirFill fill(t / "md", "h");
  MailboxCount c = bring_mailbox({Mailbox::maildir, t / "old"}, fmt::MboxQuoting::mboxo, 0, &fill, t / "md");
  CHECK(c.messages == 3);
  CHECK(c.folders == 2);
  CHECK(c.warnings == std::vector<std::string>{(t / "old/cur/5.e.h:2,") + " is not a regular file: left out"});
  CHECK(list_dir(t / "md/cur") == std::vector<std::string>{"1.a.h:2,S"});
  CHECK(list_dir(t / "md/new") == std::vector<std::string>{"2.b.h"});
  CHECK(list_dir(t / "md/tmp").empty());
  CHECK(file_bytes(t / "md/.Sent/cur/4.d.h:2,S") == "sent");
  CHECK(exists(t / "md/.Sent/maildirfolder"));
  CHECK(list_dir(t / "md/.Empty/cur").empty());
  CHECK_FALSE(exists(t / "md/.notafolder"));
  CHECK_FALSE(exists(t / "md/maildirsize"));
  c = bring_mailbox({Mailbox::maildir, t / "old"}, fmt::MboxQuoting::mboxo, 0, nullptr, "");
  CHECK(c.messages == 3);
}
