#include "fmt/header_fields.h"

#include <doctest/doctest.h>

using namespace vmm::fmt;

TEST_CASE("parse_header: fields, unfolding, the empty line, CR LF") {
  ParsedHeader h = parse_header(
      "Subject: a long\r\n\tsubject  \r\nFrom:  Alice <a@b>\r\nX-Empty:\r\n\r\nbody\r\nMore: no\r\n");
  REQUIRE(h.fields.size() == 3);
  CHECK(h.fields[0] == HeaderField{"Subject", "a long subject"});
  CHECK(h.fields[1] == HeaderField{"From", "Alice <a@b>"});
  CHECK(h.fields[2] == HeaderField{"X-Empty", ""});
  CHECK(h.complete);
  CHECK(h.body_offset == 61);
  CHECK(std::string_view("Subject: a long\r\n\tsubject  \r\nFrom:  Alice <a@b>\r\nX-Empty:\r\n\r\nbody").substr(h.body_offset) == "body");
}

TEST_CASE("parse_header: a text without a header line is all body") {
  ParsedHeader h = parse_header("I am away.\nSubject: not a header\n");
  CHECK(h.fields.empty());
  CHECK(h.body_offset == 0);
  CHECK(!h.complete);
  h = parse_header(" continued first\n\nx");
  CHECK(h.fields.empty());
  CHECK(h.body_offset == 0);
  h = parse_header("Bad Name: x\n\n");
  CHECK(h.fields.empty());
  CHECK(!h.complete);
}

TEST_CASE("parse_header: a non-header line ends the header, incomplete") {
  std::string text = "Subject: s\nnot a header\n\nbody\n";
  ParsedHeader h = parse_header(text);
  REQUIRE(h.fields.size() == 1);
  CHECK(!h.complete);
  CHECK(text.substr(h.body_offset) == "not a header\n\nbody\n");
}

TEST_CASE("parse_header: headers to the end, no empty line; an empty text") {
  ParsedHeader h = parse_header("A: 1\nB: 2");
  CHECK(h.fields == std::vector<HeaderField>{{"A", "1"}, {"B", "2"}});
  CHECK(h.complete);
  CHECK(h.body_offset == 9);
  h = parse_header("");
  CHECK(h.fields.empty());
  CHECK(h.complete);
  h = parse_header("\nbody");
  CHECK(h.fields.empty());
  CHECK(h.body_offset == 1);
}

TEST_CASE("same_name and find_field: ASCII case-insensitive, the first one") {
  CHECK(same_name("Message-ID", "message-id"));
  CHECK(!same_name("Message-ID", "Message-IDs"));
  CHECK(!same_name("a", "\xc3"));
  std::vector<HeaderField> f = {{"X", "1"}, {"Subject", "s"}, {"SUBJECT", "t"}};
  REQUIRE(find_field(f, "subject"));
  CHECK(find_field(f, "subject")->value == "s");
  CHECK(find_field(f, "From") == nullptr);
}
