#include "courier/system.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../auth/system_fake.h"

using vmm::auth_testing::FakeAuthSystem;
using vmm::courier::CourierLoginSystem;

TEST_CASE("CourierLoginSystem: the local address variables are never seen") {
  FakeAuthSystem process;
  process.environment = {{"TCPLOCALHOST", "example.com"},
                         {"TCPLOCALIP", "127.0.0.1"},
                         {"VMAILMGR_ETC", "/etc/x"}};
  CourierLoginSystem sys(process);
  CHECK(sys.env("TCPLOCALHOST") == std::nullopt);
  CHECK(sys.env("TCPLOCALIP") == std::nullopt);
  CHECK(sys.env("VMAILMGR_ETC") == "/etc/x");
  CHECK(sys.env("NOT_SET") == std::nullopt);
}

TEST_CASE("CourierLoginSystem: everything else is the process's") {
  FakeAuthSystem process;
  process.current_uid = 0;
  process.clock = 1234;
  CourierLoginSystem sys(process);
  CHECK(sys.uid() == 0);
  CHECK(sys.now() == 1234);
  sys.set_env("A", "1");
  CHECK(process.environment["A"] == "1");
  sys.borrow({"vmbase", 2001, 2002}, [&] { CHECK(sys.uid() == 2001); });
  CHECK(sys.run({"/bin/hook"}) == 0);
  sys.unset_env("A");
  sys.warn("careful");
  CHECK(process.log == std::vector<std::string>{"set A=1", "borrow vmbase {", "}",
                                                "run /bin/hook (uid 0)", "unset A",
                                                "warn careful"});
}
