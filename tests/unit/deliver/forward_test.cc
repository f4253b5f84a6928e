#include "deliver/forward.h"

#include <doctest/doctest.h>
#include <fcntl.h>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "deliver/refusal.h"
#include "sys/error.h"
#include "sys/hostname.h"

using namespace vmm;
using namespace vmm::deliver;
using namespace vmm::testing;

namespace {

struct Site {
  TempDir tmp;
  std::string etc = tmp / "etc", qmail = tmp / "qmail";
  Site() {
    create_dir(etc);
    create_dir(qmail);
    create_dir(qmail + "/control");
    create_dir(qmail + "/bin");
    write_file(etc + "/qmail-root", qmail + "\n");
  }
  domain::Config config() const { return domain::Config(etc, ""); }
  // A stand-in that records argv, fd 0 and (as qmail-queue) fd 1, then exits.
  void program(const std::string& path, int status, bool envelope) {
    write_file(path,
               "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + tmp.path + "/argv\ncat > " + tmp.path +
                   "/message\n" + (envelope ? "cat <&1 > " + tmp.path + "/envelope\n" : "") +
                   "exit " + std::to_string(status) + "\n",
               0755);
  }
};

// A file holding "PREFIX" then the message, as vdeliver's stored copy does.
sys::Fd stored(const TempDir& tmp, const std::string& bytes) {
  write_file(tmp / "copy", bytes);
  return sys::open_file(tmp / "copy", O_RDONLY);
}

}  // namespace

TEST_CASE("complete_forward: name@domain, name@ with control/me, full addresses as given") {
  CHECK(complete_forward("joe", "example.com", "me.example") == "joe@example.com");
  CHECK(complete_forward("pm@", "example.com", "me.example") == "pm@me.example");
  CHECK(complete_forward("x@y.example", "example.com", "me.example") == "x@y.example");
  CHECK(complete_forward("ivar.holm", "fixture2.test", "") == "ivar.holm@fixture2.test");
  for (const char* bad : {"", "@x.example", "a\nb", "joe\r"}) {
    try {
      complete_forward(bad, "example.com", "me");
      FAIL("accepted " << bad);
    } catch (const DeliveryRefused& e) {
      CHECK(e.why() == Refusal::other);
      CHECK(std::string(e.what()) == "invalid forward '" + std::string(bad) + "'");
    }
  }
}

TEST_CASE("qmail_me: control/me's first line, else this host's fully-qualified name") {
  Site s;
  CHECK(qmail_me(s.config()) == sys::fully_qualified_hostname());
  write_file(s.qmail + "/control/me", "mx.example.com\nmore\n");
  CHECK(qmail_me(s.config()) == "mx.example.com");
  write_file(s.qmail + "/control/me", "\n");
  CHECK(qmail_me(s.config()) == sys::fully_qualified_hostname());
}

TEST_CASE("qmail_envelope: F sender NUL, T address NUL each, NUL") {
  CHECK(qmail_envelope("a@b", {"c@d", "e@f"}) == std::string("Fa@b\0Tc@d\0Te@f\0\0", 16));
  CHECK(qmail_envelope("", {"c@d"}) == std::string("F\0Tc@d\0\0", 8));
}

TEST_CASE("forward_route: qmail-queue when it exists, else the sendmail setting") {
  Site s;
  write_file(s.etc + "/sendmail", "/usr/lib/sendmail  -Ftest\n");
  ForwardRoute r = forward_route(s.config(), "a@b", {"c@d", "-x@y"});
  CHECK(!r.qmail_queue);
  CHECK(r.argv == std::vector<std::string>{"/usr/lib/sendmail", "-Ftest", "-oi", "-f", "a@b", "--",
                                           "c@d", "-x@y"});
  CHECK(forward_route(s.config(), "", {"c@d"}).argv[4] == "<>");
  s.program(s.qmail + "/bin/qmail-queue", 0, true);
  ForwardRoute q = forward_route(s.config(), "a@b", {"c@d"});
  CHECK(q.qmail_queue);
  CHECK(q.argv == std::vector<std::string>{s.qmail + "/bin/qmail-queue"});
}

TEST_CASE("forward_route: the default sendmail, and an empty setting") {
  Site s;
  CHECK(forward_route(s.config(), "a@b", {"c@d"}).argv.front() == "/usr/sbin/sendmail");
  write_file(s.etc + "/sendmail", " \n");
  CHECK_THROWS_WITH_AS(forward_route(s.config(), "a@b", {"c@d"}), "the sendmail setting is empty",
                       Error);
}

TEST_CASE("check_forward_status: qmail-queue 11-40 and sendmail's permanent sysexits refuse") {
  ForwardRoute q{{"/q/bin/qmail-queue"}, true}, sm{{"/usr/sbin/sendmail", "-oi"}, false};
  CHECK_NOTHROW(check_forward_status(q, 0));
  CHECK_NOTHROW(check_forward_status(sm, 0));
  auto kind = [](const ForwardRoute& r, int status) -> std::string {
    try {
      check_forward_status(r, status);
    } catch (const DeliveryRefused& e) {
      return std::string("permanent: ") + e.what();
    } catch (const Error& e) {
      return (e.cls() == ErrorClass::temporary ? "temporary: " : "other: ") + std::string(e.what());
    }
    return "ok";
  };
  CHECK(kind(q, 11) == "permanent: forwarding refused: /q/bin/qmail-queue exited with status 11");
  CHECK(kind(q, 31) == "permanent: forwarding refused: /q/bin/qmail-queue exited with status 31");
  CHECK(kind(q, 40).starts_with("permanent"));
  CHECK(kind(q, 10) == "temporary: unable to forward: /q/bin/qmail-queue exited with status 10");
  CHECK(kind(q, 41).starts_with("temporary"));
  CHECK(kind(q, 53).starts_with("temporary"));
  CHECK(kind(q, 128 + 9).starts_with("temporary"));
  for (int code : {65, 67, 68, 69, 76, 77}) CHECK(kind(sm, code).starts_with("permanent"));
  for (int code : {1, 64, 70, 71, 72, 73, 74, 75, 78, 100, 111})
    CHECK(kind(sm, code).starts_with("temporary"));
  CHECK(kind(sm, 67) == "permanent: forwarding refused: /usr/sbin/sendmail exited with status 67");
}

TEST_CASE("send_forward: sendmail gets the Delivered-To line and the message after the prefix") {
  Site s;
  s.program(s.tmp / "sendmail", 0, false);
  write_file(s.etc + "/sendmail", s.tmp / "sendmail");
  sys::Fd copy = stored(s.tmp, "Return-Path: <a@b>\nDelivered-To: x\nSubject: s\n\nbody\n");
  ForwardRoute r = forward_route(s.config(), "a@b", {"c@d", "e@f"});
  send_forward(r, "a@b", {"c@d", "e@f"}, "Delivered-To: x\n", copy.get(), 19);
  CHECK(file_bytes(s.tmp / "argv") == "-oi\n-f\na@b\n--\nc@d\ne@f\n");
  CHECK(file_bytes(s.tmp / "message") == "Delivered-To: x\nDelivered-To: x\nSubject: s\n\nbody\n");
}

TEST_CASE("send_forward: qmail-queue gets the message on fd 0 and the envelope on fd 1") {
  Site s;
  s.program(s.qmail + "/bin/qmail-queue", 0, true);
  std::string body(300000, 'b');  // bigger than a pipe: streamed, not buffered
  sys::Fd copy = stored(s.tmp, "PFX" + body);
  ForwardRoute r = forward_route(s.config(), "a@b", {"c@d"});
  send_forward(r, "a@b", {"c@d"}, "Delivered-To: x\n", copy.get(), 3);
  CHECK(file_bytes(s.tmp / "argv") == "\n");  // no arguments
  CHECK(file_bytes(s.tmp / "message") == "Delivered-To: x\n" + body);
  CHECK(file_bytes(s.tmp / "envelope") == std::string("Fa@b\0Tc@d\0\0", 11));
}

TEST_CASE("send_forward: a program that fails or quits early is reported by its status") {
  Site s;
  s.program(s.qmail + "/bin/qmail-queue", 31, true);
  sys::Fd copy = stored(s.tmp, "Subject: s\n\nbody\n");
  ForwardRoute r = forward_route(s.config(), "a@b", {"c@d"});
  CHECK_THROWS_AS(send_forward(r, "a@b", {"c@d"}, "D\n", copy.get(), 0), DeliveryRefused);
  write_file(s.qmail + "/bin/qmail-queue", "#!/bin/sh\nexit 0\n", 0755);  // reads nothing
  sys::Fd big = stored(s.tmp, std::string(1 << 20, 'x'));
  try {
    send_forward(r, "a@b", {"c@d"}, "D\n", big.get(), 0);
    FAIL("no exception");
  } catch (const DeliveryRefused&) {
    FAIL("refused");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()) ==
          "unable to write the message to " + s.qmail + "/bin/qmail-queue: Broken pipe");
  }
  write_file(s.qmail + "/bin/qmail-queue", "#!/bin/sh\nexit 71\n", 0755);
  CHECK_THROWS_WITH_AS(send_forward(r, "a@b", {"c@d"}, "D\n", big.get(), 0),
                       ("unable to forward: " + s.qmail + "/bin/qmail-queue exited with status 71").c_str(),
                       Error);
}
