#include "deliver/autoreply.h"

#include <doctest/doctest.h>
#include <fcntl.h>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/autoresponse.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::deliver;
using namespace vmm::testing;

namespace {

// Settings, a qmail root with a recording qmail-queue, an account directory
// with an autoresponse, and a stored copy "PREFIX\n" + message.
struct Site {
  TempDir tmp;
  std::string etc = tmp / "etc", qmail = tmp / "qmail", account = tmp / "users/joe";
  Site() {
    create_dir(etc);
    create_dir(qmail);
    create_dir(qmail + "/bin");
    create_dir(tmp / "users");
    make_maildir(account);
    write_file(etc + "/qmail-root", qmail + "\n");
    queue(0);
    domain::Autoresponse(config(), account).write("Subject: away: %S\n\nGone.\n");
  }
  domain::Config config() const { return domain::Config(etc, ""); }
  void queue(int status) {
    write_file(qmail + "/bin/qmail-queue",
               "#!/bin/sh\ncat > " + tmp.path + "/message\ncat <&1 > " + tmp.path +
                   "/envelope\nexit " + std::to_string(status) + "\n",
               0755);
  }
  AutoreplyResult answer(const std::string& sender, const std::string& message, std::time_t now) {
    write_file(tmp / "copy", "Delivered-To: x\n" + message);
    sys::Fd fd = sys::open_file(tmp / "copy", O_RDONLY);
    return autoreply(config(), {account, sender, "joe@virtual.example", fd.get(), 16, now});
  }
  bool sent() const { return exists(tmp / "message"); }
};

}  // namespace

TEST_CASE("sender_problem: bounces, daemons, lists and the account itself get no reply") {
  CHECK(sender_problem("alice@example.org", "joe@v") == "");
  CHECK(sender_problem("requester@example.org", "joe@v") == "");
  CHECK(sender_problem("a-requests@example.org", "joe@v") == "");
  CHECK(sender_problem("", "joe@v") == "the sender is empty (a bounce)");
  CHECK(sender_problem("#@[]", "joe@v") == "the sender is empty (a bounce)");
  CHECK(sender_problem("alice", "joe@v") == "the sender is not a mail address");
  CHECK(sender_problem("@example.org", "joe@v") == "the sender is not a mail address");
  CHECK(sender_problem("a\r@b", "joe@v") == "the sender holds a control byte");
  CHECK(sender_problem("Mailer-Daemon@example.org", "joe@v") == "the sender is a mailer daemon");
  CHECK(sender_problem("POSTMASTER@example.org", "joe@v") == "the sender is a postmaster");
  CHECK(sender_problem("news-Request@example.org", "joe@v") == "the sender is a mailing list's address");
  CHECK(sender_problem("owner-news@example.org", "joe@v") == "the sender is a mailing list's address");
  CHECK(sender_problem("Joe@V", "joe@v") == "the sender is this account itself");
}

TEST_CASE("header_problem: Auto-Submitted, Precedence, List-*, Mailing-List") {
  using F = std::vector<fmt::HeaderField>;
  CHECK(header_problem(F{{"Subject", "x"}, {"Auto-Submitted", "No (a person)"}}) == "");
  CHECK(header_problem(F{{"Precedence", "first-class"}}) == "");
  CHECK(header_problem(F{{"Listing", "x"}, {"List", "x"}}) == "");
  CHECK(header_problem(F{{"auto-submitted", "auto-notified; owner-email=x@y"}}) ==
        "the message is automatic (Auto-Submitted: auto-notified; owner-email=x@y)");
  CHECK(header_problem(F{{"Auto-Submitted", ""}}) == "the message is automatic (Auto-Submitted: )");
  CHECK(header_problem(F{{"Precedence", " JUNK "}}) == "the message is bulk mail (Precedence:  JUNK )");
  CHECK(header_problem(F{{"List-Post", "<mailto:l@x>"}}) ==
        "the message comes from a mailing list (List-Post)");
  CHECK(header_problem(F{{"mailing-list", "contact"}}) ==
        "the message comes from a mailing list (mailing-list)");
}

TEST_CASE("autoreply: sends the reply by qmail-queue with the null sender, once per interval") {
  Site s;
  AutoreplyResult r = s.answer("alice@example.org", "Subject: hi\nMessage-ID: <m@x>\n\nbody\n", 1000);
  CHECK(r.outcome == AutoreplyResult::Outcome::sent);
  CHECK(r.text == "autoresponse sent to alice@example.org");
  CHECK(file_bytes(s.tmp / "envelope") == std::string("F\0Talice@example.org\0\0", 22));
  std::string m = file_bytes(s.tmp / "message");
  CHECK(m.starts_with("From: joe@virtual.example\nTo: <alice@example.org>\nSubject: away: hi\nDate: "));
  CHECK(m.find("\nIn-Reply-To: <m@x>\nReferences: <m@x>\nAuto-Submitted: auto-replied\n\nGone.\n") !=
        std::string::npos);
  ::unlink((s.tmp / "message").c_str());

  r = s.answer("alice@example.org", "Subject: again\n\nbody\n", 1000 + 86399);
  CHECK(r.outcome == AutoreplyResult::Outcome::skipped);
  CHECK(r.text == "no autoresponse to alice@example.org: answered within autoresponse-interval");
  CHECK(!s.sent());
  write_file(s.etc + "/autoresponse-interval", "60\n");
  CHECK(s.answer("alice@example.org", "Subject: x\n\n", 1060).outcome == AutoreplyResult::Outcome::sent);
}

TEST_CASE("autoreply: nothing without an enabled message; skipped for lists and bounces") {
  Site s;
  CHECK(s.answer("", "Subject: x\n\n", 1).text == "no autoresponse to <>: the sender is empty (a bounce)");
  CHECK(s.answer("a@b", "List-Id: <l>\n\n", 1).text ==
        "no autoresponse to a@b: the message comes from a mailing list (List-Id)");
  std::string huge = "X: " + std::string(300 * 1024, 'a') + "\n\n";
  CHECK(s.answer("a@b", huge, 1).text == "no autoresponse to a@b: the message's header is too large to check");
  CHECK(!s.sent());
  domain::Autoresponse(s.config(), s.account).disable();
  AutoreplyResult r = s.answer("a@b", "Subject: x\n\n", 1);
  CHECK(r.outcome == AutoreplyResult::Outcome::none);
  CHECK(r.text == "");
  CHECK(autoreply(s.config(), {"", "a@b", "joe@v", -1, 0, 1}).outcome ==
        AutoreplyResult::Outcome::none);
  CHECK(!s.sent());
}

TEST_CASE("autoreply: a failing qmail-queue throws and the record is taken back") {
  Site s;
  s.queue(53);
  CHECK(error_of([&] { s.answer("a@b", "Subject: x\n\n", 1000); }, ErrorClass::temporary) ==
        "unable to forward: " + s.qmail + "/bin/qmail-queue exited with status 53");
  CHECK(file_bytes(s.account + "/autoresponse/replies") == "");
  s.queue(0);
  CHECK(s.answer("a@b", "Subject: x\n\n", 1001).outcome == AutoreplyResult::Outcome::sent);
}
