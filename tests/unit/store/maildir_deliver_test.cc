#include "store/maildir_deliver.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <regex>
#include <set>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "sys/error.h"
#include "sys/hostname.h"

using vmm::store::maildir_host;
using vmm::store::maildir_name;
using vmm::store::MaildirMessage;
using vmm::store::MaildirNameParts;
using vmm::store::MaildirNames;
using namespace vmm::testing;

TEST_CASE("maildir_host: '/' and ':' are written as octal escapes") {
  CHECK(maildir_host("mail.example.com") == "mail.example.com");
  CHECK(maildir_host("a/b:c") == "a\\057b\\072c");
  CHECK(maildir_host("::") == "\\072\\072");
  CHECK(maildir_host("") == "");
}

TEST_CASE("maildir_name: time.M<usec>P<pid>Q<n>R<random>.host") {
  MaildirNameParts p{1795317580, 33049, 26425, 1, 0xf845c3cd25d22703ull, "mx.example"};
  CHECK(maildir_name(p) == "1795317580.M33049P26425Q1Rf845c3cd25d22703.mx.example");
  MaildirNameParts small{7, 0, 1, 12, 0xab, "h"};
  CHECK(maildir_name(small) == "7.M0P1Q12R00000000000000ab.h");
}

TEST_CASE("MaildirNames: every name differs; Q counts up; host and pid as given") {
  MaildirNames names("host\\072x", 4242);
  std::regex form(R"(([0-9]+)\.M([0-9]{1,6})P4242Q([0-9]+)R[0-9a-f]{16}\.host\\072x)");
  std::set<std::string> seen;
  for (int i = 1; i <= 50; ++i) {
    std::string n = names.next();
    std::smatch m;
    REQUIRE(std::regex_match(n, m, form));
    CHECK(std::stoi(m[3]) == i);
    CHECK(std::llabs(std::stoll(m[1]) - static_cast<long long>(std::time(nullptr))) < 5);
    seen.insert(n);
  }
  CHECK(seen.size() == 50);
  MaildirNames here;
  std::string n = here.next();
  CHECK(n.find("P" + std::to_string(::getpid()) + "Q1R") != std::string::npos);
  CHECK(n.ends_with("." + maildir_host(vmm::sys::hostname())));
}

TEST_CASE("MaildirMessage: written into tmp/, moved into new/ as NAME,S=<size>") {
  TempDir tmp;
  make_maildir(tmp / "md");
  MaildirNames names;
  std::string delivered;
  {
    MaildirMessage msg(tmp / "md", names);
    std::string tmp_name = msg.tmp_path().substr(msg.tmp_path().rfind('/') + 1);
    CHECK(msg.tmp_path() == tmp / "md/tmp/" + tmp_name);
    CHECK(list_dir(tmp / "md/tmp") == std::vector<std::string>{tmp_name});
    struct stat st;
    REQUIRE(::stat(msg.tmp_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    msg.write("Subject: x\n\n");
    msg.write("body\n");
    msg.sync();
    CHECK(msg.size() == 17);
    CHECK(list_dir(tmp / "md/new").empty());  // nothing in new/ before deliver()
    delivered = msg.deliver(names);
    CHECK(delivered == tmp / "md/new/" + tmp_name + ",S=17");
  }
  CHECK(list_dir(tmp / "md/tmp").empty());
  CHECK(file_bytes(delivered) == "Subject: x\n\nbody\n");
  CHECK(list_dir(tmp / "md/new").size() == 1);
}

TEST_CASE("MaildirMessage: not delivered means removed, nothing in new/") {
  TempDir tmp;
  make_maildir(tmp / "md");
  MaildirNames names;
  {
    MaildirMessage msg(tmp / "md", names);
    msg.write("partial");
  }
  CHECK(list_dir(tmp / "md/tmp").empty());
  CHECK(list_dir(tmp / "md/new").empty());
  MaildirMessage again(tmp / "md", names);
  again.discard();
  CHECK(list_dir(tmp / "md/tmp").empty());
}

TEST_CASE("MaildirMessage: an existing name in new/ is never replaced") {
  TempDir tmp;
  make_maildir(tmp / "md");
  MaildirNames names;
  MaildirMessage msg(tmp / "md", names);
  msg.write("new one");
  std::string base = msg.tmp_path().substr(msg.tmp_path().rfind('/') + 1);
  write_file(tmp / "md/new/" + base + ",S=7", "old one");
  std::string path = msg.deliver(names);
  CHECK(path != tmp / "md/new/" + base + ",S=7");
  CHECK(path.ends_with(",S=7"));
  CHECK(file_bytes(tmp / "md/new/" + base + ",S=7") == "old one");
  CHECK(file_bytes(path) == "new one");
  CHECK(list_dir(tmp / "md/new").size() == 2);
  CHECK(list_dir(tmp / "md/tmp").empty());
}

TEST_CASE("MaildirMessage: a Maildir without tmp/ is an error naming it") {
  TempDir tmp;
  create_dir(tmp / "md");
  MaildirNames names;
  try {
    MaildirMessage msg(tmp / "md", names);
    FAIL("no exception");
  } catch (const vmm::Error& e) {
    CHECK(std::string(e.what()) ==
          "unable to create a file in " + (tmp / "md") + "/tmp: No such file or directory");
    CHECK(e.err() == ENOENT);
  }
}

TEST_CASE("MaildirMessage: new/ missing fails the move and leaves tmp/ clean") {
  TempDir tmp;
  create_dir(tmp / "md");
  create_dir(tmp / "md/tmp");
  MaildirNames names;
  {
    MaildirMessage msg(tmp / "md", names);
    msg.write("x");
    CHECK_THROWS_WITH_AS(msg.deliver(names),
                         ("unable to move " + msg.tmp_path() + " into " + (tmp / "md") +
                          "/new: No such file or directory").c_str(),
                         vmm::Error);
  }
  CHECK(list_dir(tmp / "md/tmp").empty());
}
