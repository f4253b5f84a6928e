#include "import/teapop_source.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "domain/password.h"
#include "import_testing.h"

using namespace vmm::import;
using vmm::import_testing::OldSystem;
using vmm::import_testing::problems;
using vmm::testing::error_of;

TEST_CASE("teapop_domain_line: the first line of the domain, comments and case as teapop reads them") {
  const std::string conf =
      "# Syntax: <domain>:<IP number>:<authinfo>:\n"
      "empty:*:passwd:/var/mail:0:\n"
      "Example.COM:*:textfile:/home/susan/mail:1:susan:susan:/var/teapop/passwd:10: ; comment\n"
      "example.com:*:htpasswd:/x:0:u:g:/y:5:\n"
      "other.org:*:passwd:/var/mail:0:\n";
  std::vector<std::string> f = teapop_domain_line(conf, "example.com", "teapop.passwd");
  REQUIRE(f.size() == 10);
  CHECK(f[2] == "textfile");
  CHECK(f[3] == "/home/susan/mail");
  CHECK(f[7] == "/var/teapop/passwd");
  CHECK(f[8] == "10");
  CHECK(error_of([&] { teapop_domain_line(conf, "other.org", "teapop.passwd"); }) ==
        "teapop.passwd:5: other.org is authenticated by 'passwd', not by a textfile or htpasswd file");
  CHECK(error_of([&] { teapop_domain_line(conf, "none.org", "teapop.passwd"); }) ==
        "teapop.passwd has no line for none.org");
  CHECK(error_of([&] { teapop_domain_line("x.org:*:textfile:/m:0:\n", "x.org", "t"); }) ==
        "t:1: not DOMAIN:IP:textfile:MAILDIR:LEVEL:UID:GID:FILE:MAX:");
}

TEST_CASE("teapop_mailbox_path: one directory per hash level letter") {
  CHECK(teapop_mailbox_path("/var/mail", 0, "joe") == "/var/mail/joe");
  CHECK(teapop_mailbox_path("/var/mail", 2, "joe") == "/var/mail/j/o/joe");
  CHECK(teapop_mailbox_path("/var/mail", 5, "jo") == "/var/mail/j/o/jo");
}

TEST_CASE("read_teapop: textfile passwords are hashed, mailboxes found, odd lines reported") {
  OldSystem old;
  old.put("/etc/teapop.passwd", "example.com:*:textfile:/home/susan/mail:1:susan:susan:/var/teapop/passwd:2:\n");
  old.put("/var/teapop/passwd",
          "  joe:joe-secret:joe\n"
          "# comment\n"
          "; comment too\n"
          "ann:ann secret:boxes/ann/\n"
          "kim:kim-secret:kim\n"
          "bad line\n"
          "ctl:a\x01" "b:ctl\n"
          "long:" + std::string(600, 'x') + ":long\n"
          "last:no-newline:last");
  Source s = read_teapop(old.paths());
  CHECK(s.description == "teapop (textfile): " + old.at("/var/teapop/passwd") + ", mailboxes in " +
                             old.at("/home/susan/mail"));
  REQUIRE(s.entries.size() == 3);
  CHECK(s.entries[0].name == "joe");
  CHECK(s.entries[0].hash.starts_with("$y$"));
  CHECK(vmm::domain::check_password(s.entries[0].hash, "joe-secret") == vmm::domain::PasswordCheck::match);
  CHECK(s.entries[0].mailbox.kind == Mailbox::mbox);
  CHECK(s.entries[0].mailbox.path == old.at("/home/susan/mail/j/joe"));
  CHECK(s.entries[1].name == "ann");
  CHECK(vmm::domain::check_password(s.entries[1].hash, "ann secret") == vmm::domain::PasswordCheck::match);
  CHECK(s.entries[1].mailbox.kind == Mailbox::maildir);
  CHECK(s.entries[1].mailbox.path == old.at("/home/susan/mail/b/boxes/ann"));
  CHECK(s.entries[2].name == "kim");
  CHECK(s.entries[2].warnings ==
        std::vector<std::string>{"beyond teapop's limit of 2 accounts for the domain: it could not log in there"});
  const std::string f = "/var/teapop/passwd";
  CHECK(problems(s, old.root) ==
        f + ":6|bad line|not a textfile line \"USER:PASSWORD:MAILBOX\"\n" + f +
            ":7|ctl|its password cannot be used: the password contains a control character\n" + f +
            ":8|long|teapop never read this line: it is longer than 510 bytes\n" + f +
            ":9|last|teapop never read this line: it has no newline at the end\n");
}

TEST_CASE("read_teapop: htpasswd hashes are kept; the config may be in /usr/local/etc or given") {
  OldSystem old;
  old.put("/usr/local/etc/teapop.passwd", "example.com:*:htpasswd:/mail:0:u:g:/pw:100:\n");
  old.put("/pw", "joe:$apr1$not$crypt:extra\nann:$1$abc$def\n");
  Source s = read_teapop(old.paths());
  REQUIRE(s.entries.size() == 2);
  CHECK(s.entries[0].hash == "$apr1$not$crypt");
  CHECK(s.entries[0].mailbox.path == old.at("/mail/joe"));
  CHECK(s.entries[1].hash == "$1$abc$def");
  SourcePaths p = old.paths();
  p.config = old.at("/nowhere");
  CHECK(error_of([&] { read_teapop(p); }) == "unable to open " + old.at("/nowhere") + ": No such file or directory");
}
