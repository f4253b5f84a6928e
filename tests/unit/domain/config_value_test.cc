#include "domain/config_value.h"

#include <doctest/doctest.h>

#include "sys/error.h"

using vmm::domain::first_line;
using vmm::domain::parse_list;
using vmm::domain::parse_number;
using vmm::domain::trim_blanks;

namespace {

// The Error parse_number throws for text, or a failed check if none.
vmm::Error number_error(std::string_view text) {
  try {
    parse_number(text, "/etc/vmailmgr/user-dir-bits");
  } catch (const vmm::Error& e) {
    return e;
  }
  FAIL("no error for '" << std::string(text) << "'");
  return vmm::Error(vmm::ErrorClass::usage, "");
}

}  // namespace

TEST_CASE("trim_blanks removes blanks at both ends only") {
  CHECK(trim_blanks(" \t a b \r\n\v\f") == "a b \r\n");
  CHECK(trim_blanks(" \t\r") == "");
  CHECK(trim_blanks("") == "");
  CHECK(trim_blanks("x") == "x");
}

TEST_CASE("first_line is the first line, trimmed; an empty first line is empty") {
  CHECK(first_line("  /var/qmail \t\nsecond\n") == "/var/qmail");
  CHECK(first_line("@:%") == "@:%");
  CHECK(first_line("value\r\n") == "value");
  CHECK(first_line("\nsecond\n") == "");
  CHECK(first_line("") == "");
  CHECK(first_line("a\tb\n") == "a\tb");
}

TEST_CASE("parse_number: decimal, '-' prefix unlimited") {
  CHECK(parse_number("0\n", "f") == 0u);
  CHECK(parse_number("  5242880 \n# comment\n", "f") == 5242880u);
  CHECK(parse_number("007", "f") == 7u);
  CHECK(parse_number("18446744073709551615", "f") == 18446744073709551615u);
  CHECK(parse_number("-", "f") == std::nullopt);
  CHECK(parse_number("-1\n", "f") == std::nullopt);
  CHECK(parse_number("  -\n", "f") == std::nullopt);
  CHECK(parse_number("-anything", "f") == std::nullopt);
}

TEST_CASE("parse_number: anything else is a permanent error naming the file") {
  struct Case {
    const char* text;
    const char* shown;
  } cases[] = {
      {"12abc\n", "12abc"}, {"abc", "abc"},  {"+5", "+5"},
      {"1 2", "1 2"},       {"", ""},        {"\n5\n", ""},
      {" 0x10 ", "0x10"},   {"1.5", "1.5"},  {"18446744073709551616", "18446744073709551616"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    vmm::Error e = number_error(c.text);
    CHECK(e.cls() == vmm::ErrorClass::permanent);
    CHECK(std::string(e.what()) ==
          std::string("/etc/vmailmgr/user-dir-bits: bad number '") + c.shown + "'");
  }
}

TEST_CASE("parse_list keeps trimmed non-empty lines not starting with '#'") {
  using V = std::vector<std::string>;
  CHECK(parse_list("mailer-daemon\npostmaster\nroot\n") == V{"mailer-daemon", "postmaster", "root"});
  CHECK(parse_list("# comment\n\n  a b  \n\t\n  #indented comment\nc#d\r\nlast") ==
        V{"a b", "c#d", "last"});
  CHECK(parse_list("") == V{});
  CHECK(parse_list("\n\n# only\n") == V{});
}
