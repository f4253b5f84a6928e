#include "deliver/delivery.h"

#include <doctest/doctest.h>

#include <map>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "deliver/refusal.h"
#include "domain/domain.h"
#include "store/table.h"
#include "sys/environ.h"
#include "sys/error.h"

using namespace vmm;
using namespace vmm::deliver;
using namespace vmm::testing;

namespace {

const std::string kMessage = "Subject: hello\nFrom: a@b.example\n\nbody\n";
const std::string kRp = "Return-Path: <a@b.example>\n";
const std::string kDt = "Delivered-To: vbase-joe@example.com\n";

// A domain in a temporary directory, VMAILMGR_ETC pointing at its global
// settings for as long as it lives.
struct Site {
  TempDir tmp;
  std::string etc = tmp / "etc", home = tmp / "home", log = tmp / "log";
  std::optional<std::string> saved_etc = sys::get_env("VMAILMGR_ETC");
  Site() {
    create_dir(etc);
    create_dir(home);
    create_dir(home + "/.vmailmgr");
    create_dir(tmp / "qmail");
    write_file(etc + "/qmail-root", tmp / "qmail\n");
    // Forwards go to a recording stand-in for sendmail.
    write_file(tmp / "sendmail",
               "#!/bin/sh\necho \"$*\" >> " + log + "\ncat >> " + tmp / "forwarded\n", 0755);
    write_file(etc + "/sendmail", tmp / "sendmail\n");
    sys::set_env("VMAILMGR_ETC", etc);
    make_maildir(home + "/users");
    make_maildir(home + "/users/joe");
    fmt::Record joe;
    joe.password = "*";
    joe.directory = "./users/joe";
    joe.has_mailbox = true;
    put("joe", joe);
  }
  ~Site() {
    if (saved_etc) sys::set_env("VMAILMGR_ETC", *saved_etc);
    else sys::unset_env("VMAILMGR_ETC");
  }
  void put(const std::string& name, const fmt::Record& r) {
    domain::Domain(home, domain::Config(etc, "")).table().update(
        [&](const store::TableSnapshot&, store::TableChange& c) { c.put(name, r); });
  }
  fmt::Record alias(std::vector<std::string> forwards) {
    fmt::Record r;
    r.password = "*";
    r.forwards = std::move(forwards);
    return r;
  }
  DeliveryEnv env(const std::string& account = "joe") const {
    DeliveryEnv e;
    e.home = home;
    e.account = account;
    e.sender = "a@b.example";
    e.domain = "example.com";
    e.dtline = "Delivered-To: vbase-" + account + "@example.com\n";
    e.rpline = kRp;
    return e;
  }
  std::vector<std::string> in(const std::string& sub) const { return list_dir(home + "/users/joe/" + sub); }
  void hook(const std::string& name, const std::string& body) {
    write_file(home + "/.vmailmgr/" + name, "#!/bin/sh\n" + body, 0755);
  }
};

DeliveryReport run(const Site&, const DeliveryEnv& e, const std::string& message = kMessage,
                   const DeliverOptions& o = DeliverOptions{}) {
  InputPipe input(message);
  return deliver_message(o, e, input.read.get(), std::time(nullptr));
}

}  // namespace

TEST_CASE("deliver: into the Maildir, with Return-Path and Delivered-To on top") {
  Site s;
  DeliveryReport r = run(s, s.env());
  CHECK(r.outcome == DeliveryReport::Outcome::delivered);
  std::vector<std::string> names = s.in("new");
  REQUIRE(names.size() == 1);
  std::string expected = kRp + kDt + kMessage;
  CHECK(names[0].ends_with(",S=" + std::to_string(expected.size())));
  CHECK(file_bytes(s.home + "/users/joe/new/" + names[0]) == expected);
  CHECK(s.in("tmp").empty());
  CHECK(r.notes == std::vector<std::string>{"delivered to " + s.home + "/users/joe/new/" + names[0]});
  CHECK(r.warnings.empty());
}

TEST_CASE("deliver: a looping message is refused and leaves nothing behind") {
  Site s;
  try {
    run(s, s.env(), "Subject: x\n" + kDt + "\nbody\n");
    FAIL("delivered");
  } catch (const DeliveryRefused& e) {
    CHECK(e.why() == Refusal::loop);
    CHECK(std::string(e.what()) ==
          "message is looping: it already has the line 'Delivered-To: vbase-joe@example.com'");
  }
  CHECK(s.in("new").empty());
  CHECK(s.in("tmp").empty());
}

TEST_CASE("deliver: predeliver 99 stops, another status is passed on, hooks can be skipped") {
  Site s;
  s.hook("vdeliver-predeliver", "exit 99\n");
  CHECK(run(s, s.env()).outcome == DeliveryReport::Outcome::stopped);
  s.hook("vdeliver-predeliver", "exit 42\n");
  DeliveryReport r = run(s, s.env());
  CHECK(r.outcome == DeliveryReport::Outcome::hook_status);
  CHECK(r.hook_status == 42);
  CHECK(s.in("new").empty());
  CHECK(s.in("tmp").empty());
  DeliverOptions skip;
  skip.predeliver = false;
  CHECK(run(s, s.env(), kMessage, skip).outcome == DeliveryReport::Outcome::delivered);
  CHECK(s.in("new").size() == 1);
}

TEST_CASE("deliver: a predeliver hook that cannot run is temporary") {
  Site s;
  create_dir(s.home + "/.vmailmgr/vdeliver-predeliver");
  try {
    run(s, s.env());
    FAIL("delivered");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()) == "vdeliver-predeliver: " + s.home +
                                       "/.vmailmgr/vdeliver-predeliver: hook is not a regular file");
  }
  CHECK(s.in("tmp").empty());
}

TEST_CASE("deliver: a failing postdeliver hook is a warning; the delivery stands") {
  Site s;
  s.hook("vdeliver-postdeliver", "exit 3\n");
  DeliveryReport r = run(s, s.env());
  CHECK(r.outcome == DeliveryReport::Outcome::delivered);
  CHECK(r.warnings ==
        std::vector<std::string>{"vdeliver-postdeliver exited with status 3; the message was delivered"});
  CHECK(s.in("new").size() == 1);
  DeliverOptions skip;
  skip.postdeliver = false;
  CHECK(run(s, s.env(), kMessage, skip).warnings.empty());
}

TEST_CASE("deliver: an alias forwards from a copy that is never visible") {
  Site s;
  s.put("sales", s.alias({"joe", "x@y.example"}));
  DeliveryReport r = run(s, s.env("sales"));
  CHECK(r.notes == std::vector<std::string>{"forwarded to joe@example.com x@y.example"});
  CHECK(file_bytes(s.log) == "-oi -f a@b.example -- joe@example.com x@y.example\n");
  CHECK(file_bytes(s.tmp / "forwarded") == "Delivered-To: vbase-sales@example.com\n" + kMessage);
  CHECK(list_dir(s.home) == std::vector<std::string>{".vmailmgr", "passwd.cdb", "passwd.lock", "users"});
}

TEST_CASE("deliver: mailbox and forwards, the catch-all too") {
  Site s;
  fmt::Record both;
  both.password = "*";
  both.directory = "./users/joe";
  both.has_mailbox = true;
  both.forwards = {"boss@z.example"};
  s.put("+", both);
  DeliveryReport r = run(s, s.env("unknown"));
  REQUIRE(r.notes.size() == 2);
  CHECK(r.notes[0] == "forwarded to boss@z.example");
  CHECK(r.notes[1].starts_with("delivered to " + s.home + "/users/joe/new/"));
  CHECK(file_bytes(s.tmp / "forwarded") == "Delivered-To: vbase-unknown@example.com\n" + kMessage);
  CHECK(s.in("new").size() == 1);
}

TEST_CASE("deliver: a full mailbox refuses before anything is forwarded or stored") {
  Site s;
  fmt::Record joe;
  joe.password = "*";
  joe.directory = "./users/joe";
  joe.has_mailbox = true;
  joe.hard_quota = 50;
  joe.forwards = {"boss@z.example"};
  s.put("joe", joe);
  CHECK_THROWS_AS(run(s, s.env()), DeliveryRefused);
  CHECK(!std::filesystem::exists(s.tmp / "forwarded"));
  CHECK(s.in("new").empty());
  CHECK(s.in("tmp").empty());
  CHECK(file_bytes(s.home + "/users/joe/maildirsize") == "50S\n0 0\n");
}

TEST_CASE("deliver: a refused forward stores nothing either") {
  Site s;
  write_file(s.tmp / "sendmail", "#!/bin/sh\ncat >/dev/null\nexit 67\n", 0755);
  fmt::Record joe;
  joe.password = "*";
  joe.directory = "./users/joe";
  joe.has_mailbox = true;
  joe.forwards = {"gone@z.example"};
  s.put("joe", joe);
  CHECK_THROWS_AS(run(s, s.env()), DeliveryRefused);
  CHECK(s.in("new").empty());
  CHECK(s.in("tmp").empty());
}

TEST_CASE("deliver: the maildirsize line is added after a delivery with a quota") {
  Site s;
  fmt::Record joe;
  joe.password = "*";
  joe.directory = "./users/joe";
  joe.has_mailbox = true;
  joe.hard_quota = 100000;
  s.put("joe", joe);
  run(s, s.env());
  std::size_t size = kRp.size() + kDt.size() + kMessage.size();
  CHECK(file_bytes(s.home + "/users/joe/maildirsize") ==
        "100000S\n0 0\n" + std::to_string(size) + " 1\n");
}

TEST_CASE("deliver: every failure that is not a refusal is temporary") {
  Site s;
  std::filesystem::remove_all(s.home + "/users/joe");  // the Maildir went away
  try {
    run(s, s.env());
    FAIL("delivered");
  } catch (const DeliveryRefused&) {
    FAIL("refused");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(std::string(e.what()) ==
          "unable to create a file in " + s.home + "/users/joe/tmp: No such file or directory");
  }
  create_dir(s.home + "/.vmailmgr/default-username");  // a broken setting
  try {
    run(s, s.env("nobody"));
    FAIL("delivered");
  } catch (const DeliveryRefused&) {
    FAIL("refused");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
  }
}

TEST_CASE("deliver: options choose the added lines; forwards always carry Delivered-To") {
  Site s;
  s.put("sales", s.alias({"x@y.example"}));
  DeliverOptions bare;
  bare.delivered_to = false;
  bare.return_path = false;
  run(s, s.env(), kMessage, bare);
  std::vector<std::string> names = s.in("new");
  REQUIRE(names.size() == 1);
  CHECK(file_bytes(s.home + "/users/joe/new/" + names[0]) == kMessage);
  run(s, s.env("sales"), kMessage, bare);
  CHECK(file_bytes(s.tmp / "forwarded") == "Delivered-To: vbase-sales@example.com\n" + kMessage);
}
