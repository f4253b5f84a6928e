#include "admin/account_dump.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;

TEST_CASE("dump: the 0.97 fixture dumps as the original did, then Personal (SPEC 13)") {
  TempHome h;
  h.copy_fixture_table();
  store::TableSnapshot t(h / "passwd.cdb");
  CHECK(dump_account(t, "greta") ==
        "Name: greta\n"
        "Encrypted-Password: $1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.\n"
        "Directory: ./users/greta\n"
        "Hard-Quota: 5242880\n"
        "Soft-Quota: 4194304\n"
        "Message-Size-Limit: 1048576\n"
        "Message-Count-Limit: 500\n"
        "Creation-Time: 1795315480\n"
        "Expiry-Time: 1826851480\n"
        "Has-Mailbox: true\n"
        "Mailbox-Enabled: true\n"
        "Personal: Greta Lindqvist (Sales)\n");
  CHECK(dump_account(t, "Sales") ==
        "Name: sales\n"
        "Encrypted-Password: *\n"
        "Directory: ./users/sales\n"
        "Forward: greta\n"
        "Forward: orders@partner.example\n"
        "Hard-Quota: N/A\n"
        "Soft-Quota: N/A\n"
        "Message-Size-Limit: N/A\n"
        "Message-Count-Limit: N/A\n"
        "Creation-Time: 1795315483\n"
        "Expiry-Time: N/A\n"
        "Has-Mailbox: false\n"
        "Mailbox-Enabled: true\n"
        "Personal: \n");
  CHECK(dump_account(t, "lena").find("Forward: lena@home.example\n") != std::string::npos);
  CHECK(dump_account(t, "lena").ends_with("Has-Mailbox: true\nMailbox-Enabled: false\nPersonal: \n"));
}

TEST_CASE("dump: zero limits, no directory, unlimited creation time") {
  fmt::Record r;
  r.password = "*";
  r.hard_quota = r.soft_quota = r.msg_size = r.msg_count = 0;
  r.expiry = 0;
  r.personal = "Al\nEncrypted-Password: forged\x1b";
  CHECK(dump_record("al", r) ==
        "Name: al\n"
        "Encrypted-Password: *\n"
        "Directory: \n"
        "Hard-Quota: 0\n"
        "Soft-Quota: 0\n"
        "Message-Size-Limit: 0\n"
        "Message-Count-Limit: 0\n"
        "Creation-Time: N/A\n"
        "Expiry-Time: 0\n"
        "Has-Mailbox: false\n"
        "Mailbox-Enabled: true\n"
        "Personal: Al_Encrypted-Password: forged_\n");  // one line, whatever an old record holds
}

TEST_CASE("dump: unknown, invalid and undecodable accounts are errors naming the account") {
  TempHome h;
  write_cdb(h / "passwd.cdb",
            {{"bad", "\x05junk"}, {"v1", raw("\x01pw\0\0\0\0-\0-\0-\0-\0-\0-\0")}});
  store::TableSnapshot t(h / "passwd.cdb");
  CHECK(error_of([&] { dump_account(t, "Nobody"); }) == "account 'nobody' does not exist");
  CHECK(error_of([&] { dump_account(t, "bad"); }) ==
        "account 'bad': unknown record version byte 0x05");
  CHECK(error_of([&] { dump_account(t, "a b"); }) ==
        "invalid account name 'a b': it contains a space");
  CHECK(error_of([&] { dump_account(t, ""); }) == "invalid account name '': it is empty");
  CHECK(dump_account(t, "v1").starts_with("Name: v1\nEncrypted-Password: pw\nDirectory: \n"));
  CHECK(dump_account(t, "v1").ends_with("Creation-Time: N/A\nExpiry-Time: N/A\n"
                                        "Has-Mailbox: false\nMailbox-Enabled: true\nPersonal: \n"));
}
