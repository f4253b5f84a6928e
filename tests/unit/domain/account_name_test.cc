#include <doctest/doctest.h>

#include <string>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/account_name.h"
#include "store/table.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::testing;

namespace {

// The message of the error account_name throws for raw (which must be invalid).
std::string name_error(std::string_view raw) {
  try {
    domain::account_name(raw);
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::permanent);
    CHECK_FALSE(domain::is_valid_account_name(raw));
    return e.what();
  }
  FAIL("accepted: " << std::string(raw));
  return "";
}

std::string forward_error(std::string_view dest, const store::TableSnapshot& table) {
  try {
    domain::check_forward(dest, table);
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::permanent);
    return e.what();
  }
  FAIL("accepted: " << std::string(dest));
  return "";
}

}  // namespace

TEST_CASE("valid names come back lowercased") {
  for (const char* name : {"joe", "+", "ivar.holm", "a", "mailer-daemon", "x..y", "joe.", "a@b",
                           "under_score", "\xC3\xA9t\xC3\xA9"}) {
    CAPTURE(name);
    CHECK(domain::account_name(name) == name);
    CHECK(domain::is_valid_account_name(name));
  }
  CHECK(domain::account_name("Ivar.HOLM") == "ivar.holm");
  CHECK(domain::is_valid_account_name("JOE"));
  CHECK(domain::account_name("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");  // 8-bit bytes kept
  CHECK(domain::account_name(std::string(64, 'A')) == std::string(64, 'a'));
}

TEST_CASE("invalid names are refused with the reason") {
  const std::string p = "invalid account name '";
  CHECK(name_error("") == p + "': it is empty");
  CHECK(name_error(std::string(65, 'a')) == p + std::string(65, 'a') + "': it is longer than 64 bytes");
  CHECK(name_error("a/b") == p + "a/b': it contains '/'");
  CHECK(name_error("a:b") == p + "a:b': it contains ':'");
  CHECK(name_error("a\nb") == p + "a\\nb': it contains a newline");
  CHECK(name_error("a\rb") == p + "a\\rb': it contains a carriage return");
  CHECK(name_error("a\tb") == p + "a\\tb': it contains a tab");
  CHECK(name_error("a b") == p + "a b': it contains a space");
  CHECK(name_error(std::string("a\0b", 3)) == p + "a\\x00b': it contains a NUL byte");
  CHECK(name_error(".") == p + ".': it is reserved");
  CHECK(name_error("..") == p + "..': it is reserved");
  CHECK(name_error(".x") == p + ".x': it starts with '.'");
  CHECK(name_error(".qmail") == p + ".qmail': it starts with '.'");
  CHECK(name_error("../etc") == p + "../etc': it contains '/'");
  // Other control bytes are shown escaped; backslash too, so nothing is ambiguous.
  CHECK(name_error("\x1b[1m /") == p + "\\x1b[1m /': it contains a control character");
  CHECK(name_error("a\\b c\x7f") == p + "a\\\\b c\\x7f': it contains a space");
  // SPEC 3.5: no control byte at all, so no account can be made that prints
  // raw escapes in a listing and that no login could ever name.
  CHECK(name_error("joe\x1b") == p + "joe\\x1b': it contains a control character");
  CHECK(name_error("del\x7f") == p + "del\\x7f': it contains a control character");
  CHECK(name_error("bell\x07") == p + "bell\\x07': it contains a control character");
  CHECK(name_error("x\x01y") == p + "x\\x01y': it contains a control character");
}

TEST_CASE("forwards: addresses or existing accounts") {
  TempDir dir;
  write_cdb(dir / "passwd.cdb", {{"greta", "x"}, {"ivar.holm", "y"}});
  store::TableSnapshot table(dir / "passwd.cdb");

  for (const char* ok : {"orders@partner.example", "postmaster@", "a@b", "greta", "GRETA",
                         "ivar.holm", "x.y+z@d\xC3\xA9.example"}) {
    CAPTURE(ok);
    CHECK_NOTHROW(domain::check_forward(ok, table));
  }

  const std::string p = "invalid forward '";
  CHECK(forward_error("", table) == p + "': it is empty");
  CHECK(forward_error("nobody", table) ==
        p + "nobody': it is neither an address (local@domain) nor an account of this domain");
  CHECK(forward_error("@example.com", table) == p + "@example.com': the part before '@' is empty");
  CHECK(forward_error("@", table) == p + "@': the part before '@' is empty");
  CHECK(forward_error("a@b@c", table) == p + "a@b@c': it contains more than one '@'");
  CHECK(forward_error("a@@", table) == p + "a@@': it contains more than one '@'");
  CHECK(forward_error("a b@c", table) == p + "a b@c': it contains whitespace or a control character");
  CHECK(forward_error("greta ", table) == p + "greta ': it contains whitespace or a control character");
  CHECK(forward_error("a@c\n", table) == p + "a@c\\n': it contains whitespace or a control character");
  CHECK(forward_error("a\t@c", table) == p + "a\\t@c': it contains whitespace or a control character");
  CHECK(forward_error(std::string("a@c\0d", 5), table) ==
        p + "a@c\\x00d': it contains whitespace or a control character");
  CHECK(forward_error("a@c\x7f", table) == p + "a@c\\x7f': it contains whitespace or a control character");
}

TEST_CASE("a forward to a name is checked against an empty (missing) table too") {
  TempDir dir;
  store::TableSnapshot table(dir / "passwd.cdb");
  CHECK_NOTHROW(domain::check_forward("joe@example.com", table));
  CHECK_THROWS_WITH_AS(domain::check_forward("joe", table),
                       "invalid forward 'joe': it is neither an address (local@domain) nor an "
                       "account of this domain",
                       Error);
}
