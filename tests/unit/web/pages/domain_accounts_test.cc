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
  AccountPage page;
  page.found = 2;
  page.shown = {0, 1};
  const std::string h = accounts_page({"/v.cgi", "tok", "administrator of ex.org"}, "ex.org", page,
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
  CHECK(has(h, "<p class=\"pages\">Accounts 1-2 of 2.</p>"));
  CHECK_FALSE(has(h, "Next"));
  CHECK_FALSE(has(h, "Previous"));
}

namespace {

std::vector<ListedAccount> listing(int n) {
  std::vector<ListedAccount> v;
  for (int i = 0; i < n; ++i) v.push_back({"user" + std::to_string(1000 + i), {}});
  v.push_back({"Sales", {}});
  v.insert(v.begin(), {"zed", {}});  // listed first, sorted last
  return v;
}

}  // namespace

TEST_CASE("select_accounts: kAccountsPerPage from start; a search by part of the name, any case") {
  const std::vector<ListedAccount> all = listing(120);  // zed, user1000..user1119, Sales
  AccountPage p = select_accounts(all, "", "");
  CHECK(p.found == 122);
  CHECK(p.start == 0);
  REQUIRE(p.shown.size() == kAccountsPerPage);
  CHECK(all[p.shown.front()].name == "Sales");  // in name order, case aside
  CHECK(all[p.shown[1]].name == "user1000");
  CHECK(all[p.shown.back()].name == "user1048");
  p = select_accounts(all, "", "100");
  CHECK(p.start == 100);
  REQUIRE(p.shown.size() == 22);
  CHECK(all[p.shown.front()].name == "user1099");
  CHECK(all[p.shown.back()].name == "zed");
  for (const char* bad : {"122", "-1", "1e3", "x", "9999999999"}) {
    CAPTURE(bad);
    CHECK(select_accounts(all, "", bad).start == 0);
  }
  p = select_accounts(all, "sAL", "");
  CHECK(p.found == 1);
  CHECK(p.shown == std::vector<std::size_t>{121});
  p = select_accounts(all, "user11", "");
  CHECK(p.found == 20);
  CHECK(all[p.shown.front()].name == "user1100");
  CHECK(select_accounts(all, "nobody", "").shown.empty());
  CHECK(select_accounts(all, std::string(200, 'u'), "").find.size() == 64);
}

TEST_CASE("accounts_page: the links to the other pages keep the search; the search is escaped") {
  const std::vector<ListedAccount> all = listing(120);
  const PageFrame frame{"/v.cgi", "tok", "administrator of ex.org"};
  AccountPage p = select_accounts(all, "user1", "50");
  std::vector<AccountRow> rows;
  for (std::size_t i : p.shown) rows.push_back({all[i].name, {}, std::nullopt});
  const std::string h = accounts_page(frame, "ex.org", p, rows, "");
  CHECK(has(h, "<p class=\"pages\"><a href=\"/v.cgi?start=0&amp;find=user1\">Previous</a> Accounts 51-100 of "
               "120 whose name contains &ldquo;user1&rdquo;. <a href=\"/v.cgi?start=100&amp;find=user1\">Next</a></p>"));
  CHECK(has(h, "<tr id=\"account-user1050\">"));
  CHECK_FALSE(has(h, "account-user1049\""));
  CHECK_FALSE(has(h, "account-user1100\""));
  CHECK(has(h, "<form method=\"get\" action=\"/v.cgi\" class=\"search\" role=\"search\">"));
  const AccountPage odd = select_accounts(all, "<b>&\"", "");
  const std::string o = accounts_page(frame, "ex.org", odd, {}, "");
  CHECK(has(o, "value=\"&lt;b&gt;&amp;&quot;\""));
  CHECK(has(o, "<p class=\"pages\">No account name contains &ldquo;&lt;b&gt;&amp;&quot;&rdquo;.</p>"));
  CHECK(has(o, "<td colspan=\"6\">None found.</td>"));
  CHECK_FALSE(has(o, "<b>"));
}
