#include "auth/bounded_system.h"

#include <doctest/doctest.h>

#include <chrono>

#include "../testing/errors.h"
#include "system_fake.h"

using vmm::ErrorClass;
using vmm::auth::BoundedLoginSystem;
using vmm::auth_testing::FakeAuthSystem;

TEST_CASE("BoundedLoginSystem: hooks run for real within the time left, none past it") {
  FakeAuthSystem process;
  process.environment["A"] = "1";
  auto now = BoundedLoginSystem::Clock::now();
  BoundedLoginSystem in_time(process, now + std::chrono::seconds(5));
  CHECK(in_time.env("A") == "1");  // everything else is the process's own
  in_time.set_env("B", "2");
  CHECK(process.environment["B"] == "2");
  CHECK(in_time.run({"/bin/sh", "-c", "exit 4"}) == 4);
  CHECK(process.lines("run").empty());  // run by the bounded runner, not the process's
  auto started = BoundedLoginSystem::Clock::now();
  BoundedLoginSystem short_time(process, started + std::chrono::milliseconds(200));
  CHECK(vmm::testing::error_of([&] { short_time.run({"/bin/sleep", "20"}); },
                               ErrorClass::temporary)
            .rfind("/bin/sleep did not finish within ", 0) == 0);
  CHECK(BoundedLoginSystem::Clock::now() - started < std::chrono::seconds(2));
  BoundedLoginSystem late(process, now - std::chrono::seconds(1));
  CHECK(vmm::testing::error_of([&] { late.run({"/bin/true"}); }, ErrorClass::temporary) ==
        "no time left to run /bin/true");
}
