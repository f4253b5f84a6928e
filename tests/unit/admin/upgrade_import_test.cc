#include "admin/upgrade_import.h"

#include <doctest/doctest.h>

#include "../testing/files.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;

namespace {

using Names = std::vector<std::string>;

Names names_of(const LegacyImport& l) {
  Names out;
  for (const auto& [name, record] : l.accounts) out.push_back(name);
  return out;
}

}  // namespace

TEST_CASE("legacy import: the fixture file, as the original read it") {
  TempHome h;
  store::TableSnapshot empty(h / "passwd.cdb");
  LegacyImport l =
      parse_legacy_passwd(file_bytes(std::string(kFixtureDir) + "/legacy-passwd"), empty);
  CHECK(l.problems.empty());
  CHECK(l.notes.empty());
  REQUIRE(names_of(l) == Names{"uma", "vito", "wren"});
  const fmt::Record& uma = l.accounts[0].second;
  CHECK(uma.password == "$1$Lg7pQ2xz$6vTLynArrkQtvZT9cpKGH.");
  CHECK(uma.directory == "./users/uma");
  CHECK(uma.has_mailbox);
  CHECK(uma.ctime == fmt::Limit(0));
  CHECK(uma.expiry == fmt::Limit());
  CHECK(l.accounts[1].second.password == "33549e0d9efe8e9012299414dfbf2af9e");
  const fmt::Record& wren = l.accounts[2].second;
  CHECK(wren.password == "wQRdmEgHFNHtA");
  CHECK(wren.directory == "");  // our decision: an alias gets no directory
  CHECK(wren.forwards == Names{"uma", "wren@elsewhere.example"});
  CHECK_FALSE(wren.has_mailbox);
}

TEST_CASE("legacy import: comments, blank lines, CRLF, capitals and forwards to later lines") {
  TempHome h;
  LegacyImport l = parse_legacy_passwd(
      "# exported 1999\n\nJoe:pw1:./users/joe\r\nal:*:&joe,zed\r\n\nzed:pw2:/var/mail/zed",
      store::TableSnapshot(h / "passwd.cdb"));
  CHECK(l.problems.empty());
  CHECK(l.notes.empty());
  CHECK(names_of(l) == Names{"joe", "al", "zed"});
  CHECK(l.accounts[2].second.directory == "/var/mail/zed");
}

TEST_CASE("legacy import: bad lines are reported by number, in order") {
  TempHome h;
  LegacyImport l = parse_legacy_passwd(
      "ok:pw:./users/ok\n"         // 1
      "no colon at all\n"          // 2
      "sp ace:pw:./users/x\n"      // 3
      "ok:pw2:./users/ok2\n"       // 4: duplicate
      "OK:pw3:./users/ok3\n"       // 5: duplicate after lowercasing
      "h:pass word:./users/h\n"    // 6: not a valid hash
      "f:pw:a@b@c\n"               // 7: bad forward
      "g:pw:bad/name\n"            // 8: bad account forward
      "e::./users/e\n"             // 9: empty hash
      ":pw:./users/x\n"            // 10: empty name
      "n:pw:nobody,x@y\n",         // 11: fine, but nobody is not an account
      store::TableSnapshot(h / "passwd.cdb"));
  CHECK(l.problems ==
        Names{"line 2: legacy entry has no ':' after the name",
              "line 3: invalid account name 'sp ace': it contains a space",
              "line 4: account 'ok' is already on line 1",
              "line 5: account 'ok' is already on line 1",
              "line 6: account 'h': invalid password hash",
              "line 7: invalid forward 'a@b@c': it contains more than one '@'",
              "line 8: invalid forward 'bad/name': it is not a valid account name",
              "line 9: record has an empty password",
              "line 10: legacy entry has an empty name"});
  CHECK(l.notes ==
        Names{"line 11: account 'n' forwards to 'nobody', which is not an account here"});
  CHECK(names_of(l) == Names{"ok", "n"});
}

TEST_CASE("legacy import: a forward may name an account already in the target table") {
  TempHome h;
  write_cdb(h / "passwd.cdb", {{"amy", fmt::encode_record(dated_mailbox("./users/amy"))}});
  LegacyImport l = parse_legacy_passwd("al:*:amy\n", store::TableSnapshot(h / "passwd.cdb"));
  CHECK(l.problems.empty());
  CHECK(l.notes.empty());
  CHECK(names_of(l) == Names{"al"});
  CHECK(parse_legacy_passwd("", store::TableSnapshot(h / "passwd.cdb")).accounts.empty());
}
