#include "admin/domain_listing.h"

#include <doctest/doctest.h>

#include "../testing/files.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;

namespace {

// listvdomain of VMailMgr 0.97 on the fixture table (EXPECTED.md).
constexpr const char* kAll =
    "User Mailbox Aliases\n"
    "mailer-daemon Yes postmaster@\n"
    "postmaster Yes postmaster@\n"
    "root Yes postmaster@\n"
    "greta Yes\n"
    "ivar.holm Yes\n"
    "lena Yes(disabled) lena@home.example\n"
    "sales No greta orders@partner.example\n"
    "+ No ivar.holm\n"
    "kai Yes\n";
constexpr const char* kUsers =
    "User Mailbox Aliases\n"
    "mailer-daemon Yes postmaster@\n"
    "postmaster Yes postmaster@\n"
    "root Yes postmaster@\n"
    "greta Yes\n"
    "ivar.holm Yes\n"
    "lena Yes(disabled) lena@home.example\n"
    "kai Yes\n";
constexpr const char* kAliases =
    "User Mailbox Aliases\n"
    "sales No greta orders@partner.example\n"
    "+ No ivar.holm\n";

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("listing: one line per account") {
  fmt::Record r = dated_mailbox("./users/joe");
  CHECK(listing_line("joe", r) == "joe Yes");
  r.forwards = {"a@b.example", "amy"};
  CHECK(listing_line("joe", r) == "joe Yes a@b.example amy");
  r.mailbox_enabled = false;
  CHECK(listing_line("joe", r) == "joe Yes(disabled) a@b.example amy");
  r.has_mailbox = false;  // a disabled alias is just an alias
  CHECK(listing_line("joe", r) == "joe No a@b.example amy");
  r.forwards.clear();
  CHECK(listing_line("joe", r) == "joe No");
}

TEST_CASE("listing: the 0.97 fixture lists exactly as the original did") {
  TempHome h;
  h.copy_fixture_table();
  store::TableSnapshot t(h / "passwd.cdb");
  Listing all = list_domain(t, ListFilter::all, {});
  CHECK(all.text == kAll);
  CHECK(all.problems.empty());
  CHECK(list_domain(t, ListFilter::mailboxes, {}).text == kUsers);
  CHECK(list_domain(t, ListFilter::aliases, {}).text == kAliases);
}

TEST_CASE("listing: named accounts in the order given, unknown and invalid ones reported") {
  TempHome h;
  h.copy_fixture_table();
  store::TableSnapshot t(h / "passwd.cdb");
  Listing l = list_domain(t, ListFilter::all, Names{"KAI", "nobody", "sales", "a/b", "greta"});
  CHECK(l.text ==
        "User Mailbox Aliases\nkai Yes\nsales No greta orders@partner.example\ngreta Yes\n");
  CHECK(l.problems ==
        Names{"account 'nobody' does not exist", "invalid account name 'a/b': it contains '/'"});
  // The filter applies to named accounts too: no problem, just not shown.
  l = list_domain(t, ListFilter::aliases, Names{"kai", "+"});
  CHECK(l.text == "User Mailbox Aliases\n+ No ivar.holm\n");
  CHECK(l.problems.empty());
  l = list_domain(t, ListFilter::mailboxes, Names{"+"});
  CHECK(l.text == "User Mailbox Aliases\n");
}

TEST_CASE("listing: a record that does not decode is reported and the listing goes on") {
  TempHome h;
  write_cdb(h / "passwd.cdb", {{"amy", fmt::encode_record(dated_mailbox("./users/amy"))},
                               {"bad", "\x05junk"},
                               {"cut", raw("\x02\x0a\x01\x00pw\0")},
                               {"zed", fmt::encode_record(dated_mailbox("./users/zed"))}});
  store::TableSnapshot t(h / "passwd.cdb");
  Listing l = list_domain(t, ListFilter::all, {});
  CHECK(l.text == "User Mailbox Aliases\namy Yes\nzed Yes\n");
  CHECK(l.problems == Names{"account 'bad': unknown record version byte 0x05",
                            "account 'cut': record is truncated in field directory"});
  l = list_domain(t, ListFilter::aliases, Names{"bad"});
  CHECK(l.text == "User Mailbox Aliases\n");
  CHECK(l.problems == Names{"account 'bad': unknown record version byte 0x05"});
}

TEST_CASE("listing: version-1 and legacy records are listed too") {
  TempHome h;
  write_cdb(h / "passwd.cdb",
            {{"v1", raw("\x01pw\0./users/v1\0a@b\0\0\0-\0-\0-\0-\0" "5\0-\0")},
             {"old", ":pw:&v1,c@d"},
             {"oldbox", ":pw:./users/oldbox"}});
  Listing l = list_domain(store::TableSnapshot(h / "passwd.cdb"), ListFilter::all, {});
  CHECK(l.problems.empty());
  CHECK(l.text == "User Mailbox Aliases\nv1 Yes a@b\nold No v1 c@d\noldbox Yes\n");
}

TEST_CASE("listing: an empty or missing table is just the header") {
  TempHome h;
  Listing l = list_domain(store::TableSnapshot(h / "passwd.cdb"), ListFilter::all, {});
  CHECK(l.text == "User Mailbox Aliases\n");
  CHECK(l.problems.empty());
}

namespace {

// TZ=UTC for one test, restored after.
struct Utc {
  std::string old;
  bool had = false;
  Utc() {
    if (const char* t = ::getenv("TZ")) old = t, had = true;
    ::setenv("TZ", "UTC", 1);
    ::tzset();
  }
  ~Utc() {
    if (had) ::setenv("TZ", old.c_str(), 1); else ::unsetenv("TZ");
    ::tzset();
  }
};

}  // namespace

TEST_CASE("listing: the last-login column, and accounts not logged in since a date") {
  Utc utc;
  TempHome h;
  h.copy_fixture_table();
  const store::LastLogins logins = h.domain().last_logins();
  logins.record("greta", 1800000000);     // 2027-01-15T08:00:00
  logins.record("kai", 1700000000);       // 2023-11-14T22:13:20
  logins.record("sales", 1800000000);     // an alias: its file is never shown
  const LastLoginColumn column{logins, std::nullopt};
  Listing l = list_domain(h.table(), ListFilter::all, {}, &column);
  CHECK(l.problems.empty());
  CHECK(l.text ==
        "User Mailbox Last-Login Aliases\n"
        "mailer-daemon Yes never postmaster@\n"
        "postmaster Yes never postmaster@\n"
        "root Yes never postmaster@\n"
        "greta Yes 2027-01-15T08:00:00+00:00\n"
        "ivar.holm Yes never\n"
        "lena Yes(disabled) never lena@home.example\n"
        "sales No - greta orders@partner.example\n"
        "+ No - ivar.holm\n"
        "kai Yes 2023-11-14T22:13:20+00:00\n");
  l = list_domain(h.table(), ListFilter::all, Names{"kai", "sales"}, &column);
  CHECK(l.text == "User Mailbox Last-Login Aliases\nkai Yes 2023-11-14T22:13:20+00:00\n"
                  "sales No - greta orders@partner.example\n");

  // Not since 2024-01-01: kai (before) and the ones never logged in, no aliases.
  const LastLoginColumn since{logins, 1704067200};
  l = list_domain(h.table(), ListFilter::all, {}, &since);
  CHECK(l.text ==
        "User Mailbox Last-Login Aliases\n"
        "mailer-daemon Yes never postmaster@\n"
        "postmaster Yes never postmaster@\n"
        "root Yes never postmaster@\n"
        "ivar.holm Yes never\n"
        "lena Yes(disabled) never lena@home.example\n"
        "kai Yes 2023-11-14T22:13:20+00:00\n");
  // A login exactly at the date counts as since.
  const LastLoginColumn at{logins, 1700000000};
  l = list_domain(h.table(), ListFilter::all, Names{"kai", "greta"}, &at);
  CHECK(l.text == "User Mailbox Last-Login Aliases\n");
  const LastLoginColumn after{logins, 1700000001};
  l = list_domain(h.table(), ListFilter::all, Names{"kai", "greta"}, &after);
  CHECK(l.text == "User Mailbox Last-Login Aliases\nkai Yes 2023-11-14T22:13:20+00:00\n");
}

TEST_CASE("listing: a last-login path that is not a directory reads as never") {
  TempHome h;
  h.put("joe", dated_mailbox("./users/joe"));
  h.put("amy", dated_mailbox("./users/amy"));
  testing::write_file(h / "last-login", "not a directory");
  const store::LastLogins logins = h.domain().last_logins();
  const LastLoginColumn column{logins, std::nullopt};
  Listing l = list_domain(h.table(), ListFilter::all, {}, &column);
  CHECK(l.text == "User Mailbox Last-Login Aliases\njoe Yes never\namy Yes never\n");
  CHECK(l.problems.empty());  // ENOTDIR: nothing recorded, as for a missing directory
}
