#include "lookup/system.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <ctime>

using vmm::lookup::ProcessLookupSystem;

TEST_CASE("ProcessLookupSystem: who we are and the clock") {
  ProcessLookupSystem sys;
  CHECK(sys.uid() == ::geteuid());
  const std::time_t before = std::time(nullptr);
  const std::time_t now = sys.now();
  CHECK(now >= before);
  CHECK(now <= std::time(nullptr));
}

TEST_CASE("ProcessLookupSystem::borrow: as the user inside, root again after") {
  if (::geteuid() != 0) return;  // sys::BorrowedIdentity's own test covers non-root
  ProcessLookupSystem sys;
  uid_t inside = 0, real_inside = 0;
  sys.borrow({"", 4242, 4343}, [&] {
    inside = sys.uid();
    real_inside = ::getuid();
  });
  CHECK(inside == 4242);
  CHECK(real_inside == 4242);
  CHECK(sys.uid() == 0);
  // An exception inside still gives root back.
  CHECK_THROWS(sys.borrow({"", 4242, 4343}, [] { throw 1; }));
  CHECK(sys.uid() == 0);
  CHECK(::getuid() == 0);
}
