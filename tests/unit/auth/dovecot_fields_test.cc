#include "auth/dovecot_fields.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"

using vmm::ErrorClass;
using vmm::auth::DovecotFields;
using vmm::auth::DovecotUser;
using vmm::auth::DovecotVersion;
using vmm::auth::parse_dovecot_version;
using vmm::auth::userdb_fields;

TEST_CASE("parse_dovecot_version: 2.3 and 2.4, with or without a patch level") {
  CHECK(parse_dovecot_version("2.3") == DovecotVersion::v2_3);
  CHECK(parse_dovecot_version("2.3.19") == DovecotVersion::v2_3);
  CHECK(parse_dovecot_version("2.4") == DovecotVersion::v2_4);
  CHECK(parse_dovecot_version("2.4.4") == DovecotVersion::v2_4);
  for (const char* bad : {"", "2", "2.40", "2.5", "3.0", "2.4x"})
    CHECK(vmm::testing::error_of([&] { parse_dovecot_version(bad); }, ErrorClass::usage) ==
          "unknown Dovecot version '" + std::string(bad) + "' (2.3 or 2.4)");
}

TEST_CASE("userdb_fields: each version's names, limits only when set") {
  DovecotUser both{2001, 2002, "/h/u/joe", "/h/u/joe", 5000000, 500};
  CHECK(userdb_fields(both, DovecotVersion::v2_3) ==
        DovecotFields{{"uid", "2001"}, {"gid", "2002"}, {"home", "/h/u/joe"},
                      {"mail", "maildir:/h/u/joe"},
                      {"quota_rule", "*:storage=5000000B:messages=500"}});
  CHECK(userdb_fields(both, DovecotVersion::v2_4) ==
        DovecotFields{{"uid", "2001"}, {"gid", "2002"}, {"home", "/h/u/joe"},
                      {"mail_driver", "maildir"}, {"mail_path", "/h/u/joe"},
                      {"quota_storage_size", "5000000"}, {"quota_message_count", "500"}});
  DovecotUser count_only{1, 1, "/h", "/h/Maildir", std::nullopt, 0};
  CHECK(userdb_fields(count_only, DovecotVersion::v2_3).back() ==
        std::pair<std::string, std::string>{"quota_rule", "*:messages=0"});
  CHECK(userdb_fields(count_only, DovecotVersion::v2_4).back() ==
        std::pair<std::string, std::string>{"quota_message_count", "0"});
  DovecotUser none{1, 1, "/h", "/h/Maildir", std::nullopt, std::nullopt};
  CHECK(userdb_fields(none, DovecotVersion::v2_3).size() == 4);
  CHECK(userdb_fields(none, DovecotVersion::v2_4).size() == 5);
}
