#include <doctest/doctest.h>

#include <string>

#include "../testing/errors.h"
#include "daemon/commands.h"
#include "fmt/record.h"
#include "world.h"

using namespace vmm::daemon;
using vmm::ErrorClass;
using vmm::daemon_testing::FramesSink;
using vmm::daemon_testing::World;
using vmm::fmt::DaemonCode;
using vmm::fmt::DaemonReply;
using vmm::testing::error_of;

TEST_CASE("listdomain: an empty frame, NAME NUL RECORD per account in table order, an empty frame") {
  World w;
  FramesSink out;
  Answer a = listdomain_command(w.ctx(), {"Example.Test", "base-secret"}, out);
  CHECK(a.reply == DaemonReply{DaemonCode::ok, ""});
  CHECK(a.note == "5 accounts listed");
  REQUIRE(out.frames.size() == 6);
  CHECK(out.frames[0] == DaemonReply{DaemonCode::ok, ""});
  const char* names[] = {"joe", "ann", "eve", "dora", "sales"};
  for (int i = 0; i < 5; ++i) {
    CAPTURE(names[i]);
    CHECK(out.frames[i + 1] ==
          DaemonReply{DaemonCode::ok, std::string(names[i]) + '\0' +
                                          vmm::fmt::encode_record(w.record(w.base_home, names[i]))});
  }
}

TEST_CASE("listdomain: old records come out in version 2; broken ones are left out") {
  World w;
  vmm::store::Table(w.other_home).update([](const vmm::store::TableSnapshot&, vmm::store::TableChange& c) {
    c.put_raw("old", ":$1$abc$def:./users/old");
    c.put_raw("broken", std::string("\x02\x0a\x01", 3));
  });
  FramesSink out;
  Answer a = listdomain_command(w.ctx(), {"other.test", "other-admin"}, out);
  CHECK(a.note == "2 accounts listed, 1 left out (records that do not decode)");
  REQUIRE(out.frames.size() == 3);
  vmm::fmt::Record old = vmm::fmt::decode_record(":$1$abc$def:./users/old");
  CHECK(out.frames[2].message == std::string("old") + '\0' + vmm::fmt::encode_record(old));
  CHECK(out.frames[2].message[4] == '\x02');
}

TEST_CASE("listdomain: the admin password only, nothing sent before it passes") {
  World w;
  FramesSink out;
  CHECK(error_of([&] { listdomain_command(w.ctx(), {"example.test", "joe-secret"}, out); },
                 ErrorClass::bad_login) == "wrong admin password: example.test");
  CHECK(out.frames.empty());
  vmm::testing::write_file(w.base_home + "/passwd.cdb", "", 0600);  // corrupt: no frame at all
  CHECK(error_of([&] { listdomain_command(w.ctx(), {"example.test", "base-secret"}, out); },
                 ErrorClass::temporary)
            .find("is corrupt") != std::string::npos);
  CHECK(out.frames.empty());
}
