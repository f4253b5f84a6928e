// A recording LookupSystem for the lookup tests: borrowing becomes lines of
// log, so a test can see which reads happened as the base user.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "lookup/system.h"
#include "sys/error.h"

namespace vmm::lookup_testing {

class FakeLookupSystem : public lookup::LookupSystem {
 public:
  uid_t current_uid = 0;
  std::time_t clock = 1800000000;
  std::vector<std::string> log;

  uid_t uid() const override { return current_uid; }
  void borrow(const sys::Identity& who, const std::function<void()>& fn) override {
    if (current_uid != 0) throw Error(ErrorClass::permanent, "borrow: not root");
    log.push_back("borrow " + who.name + " " + std::to_string(who.uid) + " " +
                  std::to_string(who.gid) + " {");
    current_uid = who.uid;
    try {
      fn();
    } catch (...) {
      current_uid = 0;
      log.push_back("}");
      throw;
    }
    current_uid = 0;
    log.push_back("}");
  }
  std::time_t now() const override { return clock; }
};

}  // namespace vmm::lookup_testing
