#include "auth/maildir.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace vmm::auth;
using Args = std::vector<std::string>;

TEST_CASE("maildir_argument: first match of the marker, else the last argument") {
  CHECK(maildir_argument({}, "maildir") == std::nullopt);
  CHECK(maildir_argument({"./Maildir/"}, "maildir") == 0u);
  CHECK(maildir_argument({"-v", "MAILDIR", "maildir2"}, "maildir") == 1u);
  CHECK(maildir_argument({"a", "b", "c"}, "maildir") == 2u);
  CHECK(maildir_argument({"a", "xMaIlDiRx"}, "MAILDIR") == 1u);
  CHECK(maildir_argument({"a", "Mailbox"}, "box") == 1u);
  CHECK(maildir_argument({"a", "b"}, "") == 0u);  // an empty marker matches the first
  CHECK(maildir_argument({"M\xc3\x84ILDIR", "x"}, "m\xc3\xa4ildir") == 1u);  // ASCII folding only
}

TEST_CASE("choose_maildir: virtual accounts get their Maildir, in the argument too") {
  const std::set<std::string> dirs = {"/h/users/joe", "Maildir", "/h/users/gone-missing"};
  auto is_dir = [&](const std::string& p) { return dirs.count(p) > 0; };
  MaildirPlan virt{"/h/users/joe", "Maildir", "/var/err/", "maildir"};
  MaildirChoice c = choose_maildir({"/usr/lib/maildir/pop3d", "Maildir", "other"}, virt, is_dir);
  CHECK(c.argv == Args{"/usr/lib/maildir/pop3d", "/h/users/joe", "other"});
  CHECK(c.maildir == "/h/users/joe");
  c = choose_maildir({"/bin/prog"}, virt, is_dir);
  CHECK(c.argv == Args{"/bin/prog"});
  CHECK(c.maildir == "/h/users/joe");
  MaildirPlan missing{"/h/users/ann", "Maildir", "/var/err/", "maildir"};
  c = choose_maildir({"/bin/prog", "./Maildir/"}, missing, is_dir);
  CHECK(c.argv == Args{"/bin/prog", "/var/err/"});
  CHECK(c.maildir == "/var/err/");
}

TEST_CASE("choose_maildir: system users keep their argument, relative to home") {
  const std::set<std::string> dirs = {"Maildir", "mail/inbox"};
  auto is_dir = [&](const std::string& p) { return dirs.count(p) > 0; };
  MaildirPlan sys{"", "Maildir", "/var/err/", "maildir"};
  MaildirChoice c = choose_maildir({"/bin/prog", "mail/inbox"}, sys, is_dir);
  CHECK(c.argv == Args{"/bin/prog", "mail/inbox"});
  CHECK(c.maildir == "mail/inbox");
  c = choose_maildir({"/bin/prog"}, sys, is_dir);
  CHECK(c.maildir == "Maildir");
  c = choose_maildir({"/bin/prog", "nosuch"}, sys, is_dir);
  CHECK(c.argv == Args{"/bin/prog", "/var/err/"});
  CHECK(c.maildir == "/var/err/");
}
