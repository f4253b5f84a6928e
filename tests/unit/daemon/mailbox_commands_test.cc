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
