#include "web/pages/account_admin.h"

#include <doctest/doctest.h>

#include "../../testing/text.h"
#include "web/csrf.h"

using namespace vmm::web;
using vmm::testing::has;

namespace {
AccountView joe() {
  AccountView v;
  v.domain = "ex.org";
  v.name = "joe";
  v.record.password = "$6$h";
  v.record.directory = "./users/joe";
  v.record.has_mailbox = true;
  v.record.msg_count = 500;
  v.autoresponse = {"nonexistant", std::nullopt, ""};
  return v;
}
}  // namespace

TEST_CASE("account_admin_page: every change form of the account, each with its token") {
  const std::string h = account_admin_page({"/v.cgi", "tok", "w"}, joe(), "");
  for (const char* action : {"set_mailbox", "set_password", "set_forwards", "set_limits",
                             "set_personal", "autoresponse"})
    CHECK(has(h, "name=\"csrf\" value=\"" + csrf_token("tok", action) + "\""));
  CHECK(has(h, "<button type=\"submit\">Disable mailbox</button>"));
  CHECK(has(h, "name=\"message_count\" inputmode=\"numeric\" maxlength=\"20\" value=\"500\""));
  CHECK(has(h, "name=\"hard_quota\" inputmode=\"numeric\" maxlength=\"20\" value=\"\""));
  CHECK(has(h, "<strong id=\"autoresponse-status\">none</strong>"));
  CHECK(has(h, "href=\"/v.cgi?p=delete&amp;name=joe\""));
  // deleting is a separate page: no delete form here
  CHECK_FALSE(has(h, csrf_token("tok", "delete")));
}

TEST_CASE("delete_confirm_page: one form that confirms, and a way back") {
  const std::string h = delete_confirm_page({"/v.cgi", "tok", "w"}, "ex.org", "jo<e", joe().record);
  CHECK(has(h, "name=\"csrf\" value=\"" + csrf_token("tok", "delete") + "\""));
  CHECK(has(h, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"));
  CHECK(has(h, "<input type=\"hidden\" name=\"name\" value=\"jo&lt;e\">"));
  CHECK(has(h, "all the mail in its mailbox"));
  CHECK(has(h, ">Cancel</a>"));
}
