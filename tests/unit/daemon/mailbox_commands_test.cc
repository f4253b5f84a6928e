#include <doctest/doctest.h>

#include <string>

#include "../testing/errors.h"
#include "daemon/commands.h"
#include "world.h"

using namespace vmm::daemon;
using vmm::ErrorClass;
using vmm::daemon_testing::FramesSink;
using vmm::daemon_testing::World;
using vmm::fmt::DaemonCode;
using vmm::testing::error_of;
using vmm::testing::write_file;

TEST_CASE("stat: NUL and six NUL-terminated numbers; seen by the S flag, bytes of content") {
  World w;
  const std::string md = w.base_home + "/users/joe";
  write_file(md + "/new/1.M1P1.h,S=5", "12345");
  write_file(md + "/cur/2.M1P1.h:2,S", std::string(100, 's'));
  write_file(md + "/cur/3.M1P1.h:2,RS", std::string(20, 's'));
  write_file(md + "/cur/4.M1P1.h:2,F", std::string(7, 'u'));
  write_file(md + "/cur/5.M1P1.h", std::string(3, 'u'));
  FramesSink out;
  Answer a = stat_command(w.ctx(), {"example.test", "joe", "base-secret"}, out);
  CHECK(out.frames.empty());
  CHECK(a.reply.code == DaemonCode::ok);
  CHECK(a.reply.message == std::string("\0" "1\0" "5\0" "2\0" "10\0" "2\0" "120\0", 16));
  CHECK(a.note == "user 'joe': new 1 (5 bytes), unseen 2 (10 bytes), seen 2 (120 bytes)");

  a = stat_command(w.ctx(), {"example.test", "ann", "base-secret"}, out);
  CHECK(a.reply.message == std::string("\0" "0\0" "0\0" "0\0" "0\0" "0\0" "0\0", 13));
}

TEST_CASE("stat: admin only; an alias has no mailbox") {
  World w;
  FramesSink out;
  CHECK(error_of([&] { stat_command(w.ctx(), {"example.test", "joe", "joe-secret"}, out); },
                 ErrorClass::bad_login) == "wrong admin password: joe@example.test");
  CHECK(error_of([&] { stat_command(w.ctx(), {"example.test", "sales", "base-secret"}, out); }) ==
        "user 'sales' has no mailbox");
  CHECK(error_of([&] { stat_command(w.ctx(), {"example.test", "nobody", "base-secret"}, out); }) ==
        "account 'nobody' does not exist");
  vmm::testing::create_dir(w.base_home + "/users/gone");
  CHECK(error_of([&] {
          vmm::login_testing::put_accounts(w.base_home, {{"gone", vmm::daemon_testing::account("gone", "x")}});
          stat_command(w.ctx(), {"example.test", "gone", "base-secret"}, out);
        }) == "unable to open directory " + w.base_home + "/users/gone/new: No such file or directory");
}

TEST_CASE("autoresponse: write, status, read, disable, enable, delete, in VMailMgr's storage") {
  World w;
  const std::string dir = w.base_home + "/users/joe/autoresponse";
  auto go = [&](const vmm::daemon::Args& args, FramesSink& out) { return autoresponse_command(w.ctx(), args, out); };
  FramesSink out;
  const std::string msg = "Subject: away (%S)\n\nBack on Monday.\n";
  CHECK(go({"example.test", "joe", "joe-secret", "status"}, out).reply.message == "nonexistant");
  CHECK(go({"example.test", "joe", "joe-secret", "write", msg}, out).reply.message ==
        "autoresponse message of user 'joe' written; it is enabled");
  CHECK(vmm::testing::file_bytes(dir + "/message.txt") == msg);
  CHECK(go({"example.test", "joe", "base-secret", "status"}, out).reply.message == "enabled");
  CHECK(out.frames.empty());
  Answer read = go({"example.test", "joe", "joe-secret", "read"}, out);
  CHECK(read.reply.message == "autoresponse message of user 'joe' sent");
  CHECK(out.frames == std::vector<vmm::fmt::DaemonReply>{{DaemonCode::ok, msg}});
  out.frames.clear();
  CHECK(go({"example.test", "joe", "joe-secret", "disable"}, out).reply.message == "autoresponse of user 'joe' disabled");
  CHECK(vmm::testing::exists(dir + "/message.txt.disabled"));
  CHECK(go({"example.test", "joe", "joe-secret", "status"}, out).reply.message == "disabled");
  CHECK(go({"example.test", "joe", "joe-secret", "disable"}, out).reply.message ==
        "autoresponse of user 'joe' was already disabled");
  CHECK(go({"example.test", "joe", "joe-secret", "enable"}, out).reply.message == "autoresponse of user 'joe' enabled");
  CHECK(go({"example.test", "joe", "joe-secret", "delete"}, out).reply.message == "autoresponse of user 'joe' deleted");
  CHECK_FALSE(vmm::testing::exists(dir));
  vmm::testing::create_dir(dir);
  CHECK(go({"example.test", "joe", "joe-secret", "status"}, out).reply.message == "missing message file");
  CHECK(error_of([&] { go({"example.test", "joe", "joe-secret", "read"}, out); }) ==
        "user 'joe' has no autoresponse message");
  CHECK(error_of([&] { go({"example.test", "joe", "joe-secret", "enable"}, out); }) ==
        "user 'joe' has no autoresponse message to enable");
  CHECK(out.frames.empty());
}

TEST_CASE("autoresponse: bad requests, other accounts, aliases without a directory") {
  World w;
  FramesSink out;
  auto fails = [&](const vmm::daemon::Args& args, ErrorClass cls = ErrorClass::permanent) {
    return error_of([&] { autoresponse_command(w.ctx(), args, out); }, cls);
  };
  CHECK(fails({"example.test", "joe", "x", "vacation"}, ErrorClass::usage) ==
        "unknown autoresponse action 'vacation': status, read, write, enable, disable or delete");
  CHECK(fails({"example.test", "joe", "x", "write"}, ErrorClass::usage) == "autoresponse write needs the message");
  CHECK(fails({"example.test", "joe", "x", "status", "text"}, ErrorClass::usage) ==
        "autoresponse status takes no message");
  CHECK(w.sys.log.empty());  // refused before any password was looked at
  CHECK(fails({"example.test", "joe", "ann-secret", "status"}, ErrorClass::bad_login) ==
        "wrong password (neither the account's nor the admin password): joe@example.test");
  CHECK(fails({"example.test", "sales", "base-secret", "status"}) ==
        "user 'sales' has no directory to keep an autoresponse in");
  CHECK(fails({"example.test", "joe", "joe-secret", "write", ""}) == "the autoresponse message is empty");
  CHECK(fails({"example.test", "joe", "joe-secret", "write", std::string("a\0b", 3)}) ==
        "the autoresponse message holds a NUL byte");
}
