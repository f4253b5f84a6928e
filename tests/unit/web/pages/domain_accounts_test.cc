#include "web/pages/domain_accounts.h"

#include <doctest/doctest.h>

#include "../../testing/text.h"
#include "web/csrf.h"

using namespace vmm::web;
using vmm::testing::has;

TEST_CASE("accounts_page: a row per account, every value escaped, no hash") {
  AccountRow joe{"joe", {}, MailboxUsage{2, 2048, 0, 0, 0, 0}};
  joe.record.password = "$6$secrethash";
  joe.record.has_mailbox = true;
  joe.record.directory = "./users/joe";
  joe.record.hard_quota = 1048576;
  joe.record.personal = "<script>x</script>";
  AccountRow sales{"sales", {}, std::nullopt};
  sales.record.password = "*";
  sales.record.forwards = {"joe", "a&b@x.org"};
  const std::string h = accounts_page({"/v.cgi", "tok", "administrator of ex.org"}, "ex.org",
                                      {joe, sales}, "Account joe added.");
  CHECK(has(h, "<title>Accounts of ex.org - vmailmgr</title>"));
  CHECK(has(h, "<p class=\"notice ok\" role=\"status\">Account joe added.</p>"));
  CHECK(has(h, "<a href=\"/v.cgi?p=account&amp;name=joe\">joe</a>"));
  CHECK(has(h, "<small>&lt;script&gt;x&lt;/script&gt;</small>"));
  CHECK(has(h, "<td data-label=\"Quota\">1.0 MiB</td><td data-label=\"Usage\">2 messages, 2.0 KiB</td>"));
  CHECK(has(h, "<td data-label=\"Mailbox\">alias</td><td data-label=\"Enabled\">-</td>"
               "<td data-label=\"Forwards\">joe, a&amp;b@x.org</td>"));
  CHECK_FALSE(has(h, "secrethash"));
  CHECK(has(h, "name=\"csrf\" value=\"" + csrf_token("tok", "add_account") + "\""));
  CHECK(has(h, "name=\"csrf\" value=\"" + csrf_token("tok", "add_alias") + "\""));
}
