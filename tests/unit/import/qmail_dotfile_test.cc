#include "import/qmail_dotfile.h"

#include <doctest/doctest.h>

using namespace vmm::import;

TEST_CASE("parse_dot_qmail: forwards, Maildirs, mboxes, programs") {
  DotQmail q = parse_dot_qmail(
      "# comment\n"
      "&joe@example.org\n"
      "ann@example.org  \n"
      "/home/vpopmail/domains/example.com/joe/Maildir/\n"
      "./Maildir/\n"
      "/var/mail/joe\n"
      "| /usr/bin/autorespond 86400 3 message\n"
      "\n");
  CHECK(q.forwards == std::vector<std::string>{"joe@example.org", "ann@example.org"});
  CHECK(q.maildirs == std::vector<std::string>{"/home/vpopmail/domains/example.com/joe/Maildir/", "./Maildir/"});
  CHECK(q.mboxes == std::vector<std::string>{"/var/mail/joe"});
  CHECK(q.programs == std::vector<std::string>{" /usr/bin/autorespond 86400 3 message"});
}

TEST_CASE("dot_qmail_name and vdelivermail_target") {
  CHECK(dot_qmail_name(".qmail-sales") == "sales");
  CHECK(dot_qmail_name(".qmail-joe:doe") == "joe.doe");
  CHECK(dot_qmail_name(".qmail-default") == "default");
  CHECK(dot_qmail_name(".qmail-") == "");
  CHECK(dot_qmail_name(".qmail") == "");
  CHECK(dot_qmail_name("vpasswd") == "");
  CHECK(vdelivermail_target(" /home/vpopmail/bin/vdelivermail '' bounce-no-mailbox") == "bounce-no-mailbox");
  CHECK(vdelivermail_target("/home/vpopmail/bin/vdelivermail '' joe@example.org") == "joe@example.org");
  CHECK(vdelivermail_target("/h/bin/vdelivermail \"\" '/home/vpopmail/domains/x.com/joe'") ==
        "/home/vpopmail/domains/x.com/joe");
  CHECK(vdelivermail_target("/usr/bin/other '' x") == "");
  CHECK(vdelivermail_target("/h/bin/vdelivermail") == "");
}
