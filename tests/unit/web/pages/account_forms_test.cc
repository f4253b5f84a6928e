#include "web/pages/account_forms.h"

#include <doctest/doctest.h>

#include "../../testing/text.h"

using namespace vmm::web;
using vmm::testing::has;

TEST_CASE("forwards_of_text: lines, blanks and commas separate; empty pieces go") {
  CHECK(forwards_of_text("a@x.org\r\nb, c\n\n  d@y.org ") ==
        std::vector<std::string>{"a@x.org", "b", "c", "d@y.org"});
  CHECK(forwards_of_text(" \n ").empty());
  CHECK(forwards_text({"a", "b@c"}) == "a\nb@c\n");
}

TEST_CASE("the shared forms escape every value and name the account only when given") {
  const PageFrame f{"/v.cgi", "tok", "w"};
  const std::string fw = forwards_form(f, "set_forwards", "jo\"e", {"<b>@x"});
  CHECK(has(fw, "name=\"name\" value=\"jo&quot;e\""));
  CHECK(has(fw, "&lt;b&gt;@x\n</textarea>"));
  CHECK_FALSE(has(forwards_form(f, "own_forwards", "", {}), "name=\"name\""));
  const std::string pw = password_form(f, "own_password", "", true);
  CHECK(has(pw, "name=\"current\""));
  CHECK_FALSE(has(password_form(f, "set_password", "joe", false), "name=\"current\""));
  const std::string ar =
      autoresponse_form(f, "autoresponse", "joe", {"enabled", "Subject: <hi>\n\nx", ""});
  CHECK(has(ar, "<strong id=\"autoresponse-status\">enabled</strong>"));
  CHECK(has(ar, "Subject: &lt;hi&gt;\n\nx</textarea>"));
  CHECK(has(ar, "value=\"1\" checked>"));
  const std::string none = autoresponse_form(f, "autoresponse", "sales", {"", {}, "An alias <none>."});
  CHECK(has(none, "An alias &lt;none&gt;."));
  CHECK_FALSE(has(none, "<form"));
}

TEST_CASE("account_summary and mailbox_text") {
  vmm::fmt::Record alias;
  alias.password = "*";
  alias.forwards = {"joe"};
  CHECK(mailbox_text(alias) == "alias");
  vmm::fmt::Record box;
  box.password = "$6$x";
  box.directory = "./users/joe";
  box.has_mailbox = true;
  box.mailbox_enabled = false;
  box.personal = "<script>alert(1)</script>";
  CHECK(mailbox_text(box) == "yes");
  const std::string s = account_summary(box, MailboxUsage{1, 100, 0, 0, 1, 50});
  CHECK(has(s, "<dd id=\"summary-enabled\">no</dd>"));
  CHECK(has(s, "<dd id=\"summary-usage\">2 messages, 150 bytes</dd>"));
  CHECK(has(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_FALSE(has(s, "<script>"));
  CHECK_FALSE(has(s, "$6$x"));  // never the hash
}
