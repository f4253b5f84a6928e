#include "fmt/mbox.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../testing/errors.h"
#include "sys/error.h"

using namespace vmm::fmt;
using vmm::testing::error_of;

namespace {

std::vector<MboxMessage> split(std::string_view mbox, MboxQuoting q = MboxQuoting::mboxo) {
  MboxReader reader(mbox, q);
  std::vector<MboxMessage> out;
  MboxMessage m;
  while (reader.next(m)) out.push_back(m);
  return out;
}

}  // namespace

TEST_CASE("is_from_line: mb2md's separator regex ^From +\\S+ .*\\d\\d:\\d\\d") {
  CHECK(is_from_line("From joe@example.org Wed Nov 24 11:05:35 1999\n"));
  CHECK(is_from_line("From joe@example.org Wed Nov 24 11:05:35 1999\r\n"));
  CHECK(is_from_line("From   MAILER-DAEMON x 12:34"));
  CHECK(is_from_line("From a 12:34"));
  CHECK_FALSE(is_from_line("From joe@example.org Wed Nov 24 1999\n"));  // no HH:MM
  CHECK_FALSE(is_from_line("From 12:34\n"));                          // the time is the address
  CHECK_FALSE(is_from_line("From joe\t12:34\n"));                     // a tab is not the blank
  CHECK_FALSE(is_from_line("From  \n"));
  CHECK_FALSE(is_from_line(">From a 12:34\n"));
  CHECK_FALSE(is_from_line("from a 12:34\n"));
  CHECK_FALSE(is_from_line("From a 1:34\n"));
}

TEST_CASE("from_line_date: what mb2md hands to Date::Parse") {
  CHECK(from_line_date("From joe@example.org Wed Nov 24 11:05:35 1999\n") == "Wed Nov 24 11:05:35 1999");
  CHECK(from_line_date("From MAILER-DAEMON Wed Nov 24 11:05:35 1999\n") == "Wed Nov 24 11:05:35 1999");
  CHECK(from_line_date("From \"odd sender x\"@example.net Wed Nov 24 11:05:35 1999") ==
        "Wed Nov 24 11:05:35 1999");
  CHECK(from_line_date("From (no mail address) Wed Nov 24 11:05:35 1999\n") == "Wed Nov 24 11:05:35 1999");
  CHECK(from_line_date("From  joe@x.org  Wed Nov 24 11:05:35 1999\n") == "Wed Nov 24 11:05:35 1999");
  CHECK(from_line_date("From a@b@c Wed Nov 24 11:05:35 1999\n") == "Wed Nov 24 11:05:35 1999");
  CHECK(from_line_date("From @x.org Wed 12:00\n") == "");  // everything after the first '@' goes
}

TEST_CASE("status_letters and maildir_flags: Status, X-Status, X-Mozilla-Status, X-Evolution") {
  CHECK(status_letters("Status: RO\n") == "RO");
  CHECK(status_letters("X-Status: AF\n") == "AF");
  CHECK(status_letters("Status: ro\n") == "");
  CHECK(status_letters("Status:RO\n") == "");
  CHECK(status_letters("X-Mozilla-Status: 000b\n") == "RAD");
  CHECK(status_letters("x-mozilla-status: 0001\n") == "R");
  CHECK(status_letters("X-Evolution: 000abcd1-0019\n") == "AFR");
  CHECK(status_letters("X-Evolution:   00000000-00z1\n") == "AR");  // pack("H") makes z 3
  CHECK(maildir_flags("ROAFD") == "FRST");
  CHECK(maildir_flags("O") == "");
}

TEST_CASE("MboxReader: mb2md's message bytes") {
  const std::string mbox =
      "From joe@example.org Wed Nov 24 11:05:35 1999\n"
      "Subject: one\n"
      "From repeated@example.org Wed Nov 24 11:05:35 1999\n"
      ">From header Wed Nov 24 11:05:35 1999\n"
      "Status: RO\n"
      "\n"
      "body\n"
      ">From quoted\n"
      ">>From twice\n"
      "From not a separator 12:34 (no empty line before)\n"
      "\n"
      "From ann@example.org Thu Nov 25 12:00:00 1999\r\n"
      "Subject: two\r\n"
      "X-Status: A\r\n"
      "\r\n"
      "crlf body\r\n"
      "lone \r cr\r\n"
      "no newline at the end";
  std::vector<MboxMessage> m = split(mbox);
  REQUIRE(m.size() == 2);
  CHECK(m[0].bytes ==
        "Subject: one\n>From header Wed Nov 24 11:05:35 1999\nStatus: RO\n\nbody\nFrom quoted\n"
        ">>From twice\nFrom not a separator 12:34 (no empty line before)\n\n");
  CHECK(m[0].flags == "S");
  CHECK(m[0].date_text == "Wed Nov 24 11:05:35 1999");
  CHECK(m[0].number == 1);
  CHECK(m[0].offset == 0);
  CHECK(m[1].bytes == "Subject: two\nX-Status: A\n\ncrlf body\nlone \r cr\nno newline at the end");
  CHECK(m[1].flags == "R");
  CHECK(m[1].date_text == "Thu Nov 25 12:00:00 1999");
  CHECK(m[1].number == 2);
  CHECK(mbox.substr(m[1].offset, 10) == "From ann@e");
}

TEST_CASE("MboxReader: mboxrd takes one '>' off every quoted From") {
  std::vector<MboxMessage> m =
      split("From a 12:34\n\n>From one\n>>From two\n>>>From three\n>>Fro\n", MboxQuoting::mboxrd);
  REQUIRE(m.size() == 1);
  CHECK(m[0].bytes == "\nFrom one\n>From two\n>>From three\n>>Fro\n");
}

TEST_CASE("MboxReader: empty mailboxes, empty messages, UW imapd's folder data") {
  CHECK(split("").empty());
  CHECK(split("\n\n").empty());
  std::vector<MboxMessage> m = split("\n\nFrom a 12:34\n\nFrom b 12:35\nX: y\n\n");
  REQUIRE(m.size() == 2);
  CHECK(m[0].bytes == "\n");
  CHECK(m[1].bytes == "X: y\n\n");

  m = split("From MAILER-DAEMON 12:00\nSubject: DON'T DELETE THIS MESSAGE -- FOLDER INTERNAL DATA\n"
            "X-IMAP: 1 2\n\nbody\n\nFrom a 12:34\nSubject: real\n\nhi\n");
  REQUIRE(m.size() == 1);
  CHECK(m[0].bytes == "Subject: real\n\nhi\n");
  CHECK(m[0].number == 1);
  // only ever the first message
  m = split("From a 12:34\nSubject: x\n\n\nFrom b 12:34\n"
            "Subject: DON'T DELETE THIS MESSAGE -- FOLDER INTERNAL DATA\n\n");
  CHECK(m.size() == 2);
}

TEST_CASE("MboxReader: a mailbox ending inside a header block keeps those lines") {
  // mb2md drops them (and dates the message before with their date).
  std::vector<MboxMessage> m = split("From a 12:34\nX: 1\n\nbody\n\nFrom b 12:35\nX: 2\nY: 3");
  REQUIRE(m.size() == 2);
  CHECK(m[1].bytes == "X: 2\nY: 3");
  CHECK(m[1].date_text == "12:35");
  // a separator alone at the end gives nothing
  CHECK(split("From a 12:34\n\nbody\n\nFrom b 12:35").size() == 1);
}

TEST_CASE("MboxReader: text before the first separator is refused") {
  CHECK(error_of([] { split("Subject: x\n\nFrom a 12:34\n\n"); }) ==
        "it does not start with a \"From \" line (line 1)");
  CHECK(error_of([] { split("\r\n\nnot mail\n"); }) == "it does not start with a \"From \" line (line 3)");
}
