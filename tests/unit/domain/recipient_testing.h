// A base home with its own empty global settings, and the records the
// recipient rule is tested with (domain/recipient and deliver/account).
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/domain.h"
#include "fmt/record.h"
#include "store/table.h"

namespace vmm::recipient_testing {

inline fmt::Record mailbox(const std::string& dir) {
  fmt::Record r;
  r.password = "*";
  r.directory = dir;
  r.has_mailbox = true;
  return r;
}

inline fmt::Record alias(std::vector<std::string> forwards) {
  fmt::Record r;
  r.password = "*";
  r.forwards = std::move(forwards);
  return r;
}

struct Site {
  testing::TempDir tmp;
  std::string etc = tmp / "etc", home = tmp / "home";
  Site() {
    testing::create_dir(etc);
    testing::create_dir(home);
    testing::create_dir(home + "/.vmailmgr");
  }
  domain::Domain domain() const { return domain::Domain(home, domain::Config(etc, "")); }
  void put(std::map<std::string, fmt::Record> accounts) {
    domain().table().update([&](const store::TableSnapshot&, store::TableChange& c) {
      for (auto& [name, r] : accounts) c.put(name, r);
    });
  }
};

}  // namespace vmm::recipient_testing
