#include "admin/upgrade.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;

namespace {

using Names = std::vector<std::string>;

// `cdb -d` of the table after the original vupgrade of legacy-passwd
// (EXPECTED.md), for the two Maildir accounts.
const std::string kUma = raw("\x02\x0a\x01\x08\x01\0$1$Lg7pQ2xz$6vTLynArrkQtvZT9cpKGH.\0"
                             "./users/uma\0\0\0-\0-\0-\0-\0" "0\0-\0");
const std::string kVito = raw("\x02\x0a\x01\x08\x01\0" "33549e0d9efe8e9012299414dfbf2af9e\0"
                              "./users/vito\0\0\0-\0-\0-\0-\0" "0\0-\0");
// Ours for the forward-only account: the original stored and created
// users/wren; we store no directory (an alias has none).
const std::string kWren = raw("\x02\x0a\x00\x08\x01\0wQRdmEgHFNHtA\0\0uma\0"
                              "wren@elsewhere.example\0\0\0-\0-\0-\0-\0" "0\0-\0");

const std::string kV1 =
    raw("\x01pw\0./users/old\0a@b\0\0Old\0" "1\0" "2\0" "3\0" "4\0" "5\0" "6\0");
const std::string kV1AsV2 =
    raw("\x02\x0a\x01\x08\x01\0pw\0./users/old\0a@b\0\0Old\0" "1\0" "2\0" "3\0" "4\0" "5\0" "6\0");

std::string dump(const std::string& path) {
  std::string out;
  store::TableSnapshot(path).for_each([&](std::string_view k, std::string_view v) {
    out += std::string(k) + "=" + std::string(v) + "\n";
    return true;
  });
  return out;
}

}  // namespace

TEST_CASE("upgrade: a record in version 2 form is left as it is, others become version 2") {
  CHECK(upgraded_record(kUma) == std::nullopt);
  CHECK(upgraded_record(kV1) == kV1AsV2);
  CHECK(upgraded_record(":$1$Lg7pQ2xz$6vTLynArrkQtvZT9cpKGH.:./users/uma") == kUma);
  CHECK(upgraded_record(":wQRdmEgHFNHtA:&uma,wren@elsewhere.example") == kWren);
  // Version 2 with the flags in the other order, or left out.
  CHECK(upgraded_record(raw("\x02\x08\x01\x0a\x01\0pw\0./d\0\0\0-\0-\0-\0-\0-\0-\0")) ==
        raw("\x02\x0a\x01\x08\x01\0pw\0./d\0\0\0-\0-\0-\0-\0-\0-\0"));
  CHECK(upgraded_record(raw("\x02\0pw\0\0\0\0-\0-\0-\0-\0-\0-\0")) ==
        raw("\x02\x0a\x00\x08\x01\0pw\0\0\0\0-\0-\0-\0-\0-\0-\0"));
  CHECK(error_of([] { upgraded_record("\x05junk"); }) == "unknown record version byte 0x05");
}

TEST_CASE("upgrade: the legacy text file of the fixture is imported once, in one update") {
  TempHome h;
  const std::string text = file_bytes(std::string(kFixtureDir) + "/legacy-passwd");
  write_file(h / "passwd", text, 0600);
  UpgradeReport r = upgrade_domain(h.domain());
  CHECK(r.source == UpgradeReport::text_file);
  CHECK(r.text_path == h / "passwd");
  CHECK(r.imported == 3);
  CHECK(r.problems.empty());
  CHECK(r.notes.empty());
  CHECK(dump(h / "passwd.cdb") == "uma=" + kUma + "\nvito=" + kVito + "\nwren=" + kWren + "\n");
  CHECK(mode_of(h / "passwd.cdb") == 0600);
  CHECK(file_bytes(h / "passwd") == text);  // left in place
  CHECK_FALSE(exists(h / "users"));         // nothing created on disk

  // Again: the table exists now, so the text file is not read; nothing changes.
  const std::string table = h.table_bytes();
  r = upgrade_domain(h.domain());
  CHECK(r.source == UpgradeReport::table);
  CHECK(r.converted == 0);
  CHECK(r.current == 3);
  CHECK(r.problems.empty());
  CHECK(r.notes == Names{"the text file " + (h / "passwd") + " is not imported: " +
                         (h / "passwd.cdb") + " exists"});
  CHECK(h.table_bytes() == table);
}

TEST_CASE("upgrade: one bad line in the text file imports nothing") {
  TempHome h;
  write_file(h / "passwd", "uma:pw:./users/uma\nbad line\nvito:pw:./users/vito\n", 0600);
  UpgradeReport r = upgrade_domain(h.domain());
  CHECK(r.source == UpgradeReport::text_file);
  CHECK(r.imported == 0);
  CHECK(r.problems == Names{"line 2: legacy entry has no ':' after the name"});
  CHECK_FALSE(exists(h / "passwd.cdb"));
}

TEST_CASE("upgrade: a table of version-1, legacy and version-2 records") {
  TempHome h;
  write_cdb(h / "passwd.cdb", {{"uma", kUma},
                               {"old", kV1},
                               {"Wren", ":wQRdmEgHFNHtA:&uma,wren@elsewhere.example"},
                               {"bad", "\x05junk"},
                               {"Uma", kV1},
                               {"box", ":pw:./users/box"}});
  UpgradeReport r = upgrade_domain(h.domain());
  CHECK(r.source == UpgradeReport::table);
  CHECK(r.converted == 3);
  CHECK(r.current == 1);
  CHECK(r.problems ==
        Names{"account 'bad': unknown record version byte 0x05; left as it is",
              "account 'Uma': another record is stored as 'uma'; left as it is"});
  CHECK(dump(h / "passwd.cdb") ==
        "uma=" + kUma + "\nold=" + kV1AsV2 + "\nwren=" + kWren + "\nbad=\x05junk\nUma=" + kV1 +
            "\nbox=" + raw("\x02\x0a\x01\x08\x01\0pw\0./users/box\0\0\0-\0-\0-\0-\0" "0\0-\0") +
            "\n");
  // Running it again converts nothing more and leaves the file as it is.
  const std::string table = h.table_bytes();
  r = upgrade_domain(h.domain());
  CHECK(r.converted == 0);
  CHECK(r.current == 4);
  CHECK(r.problems.size() == 2);
  CHECK(h.table_bytes() == table);
}

TEST_CASE("upgrade: nothing to upgrade is an error; another password-file is followed") {
  TempHome h;
  CHECK(error_of([&] { upgrade_domain(h.domain()); }) ==
        "nothing to upgrade: neither " + (h / "passwd.cdb") + " nor " + (h / "passwd") +
            " exists");
  h.set("password-file", "accounts\n");
  write_file(h / "accounts", "joe:pw:./users/joe\n");
  UpgradeReport r = upgrade_domain(h.domain());
  CHECK(r.imported == 1);
  CHECK(exists(h / "accounts.cdb"));
  CHECK_FALSE(exists(h / "passwd.cdb"));
}
