// Settings (SPEC §2): one file per setting, looked up in the per-domain
// directory (~base/.vmailmgr), then the global one ($VMAILMGR_ETC or conf-etc),
// then the built-in default.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fmt/record.h"

namespace vmm::domain {

class Config {
 public:
  // Global directory only: $VMAILMGR_ETC if set and non-empty, else conf-etc.
  static Config global();
  // domain_dir empty = no per-domain directory (before the base user is known).
  Config(std::string global_dir, std::string domain_dir);
  // The same global directory plus base_home + "/.vmailmgr".
  Config for_domain(const std::string& base_home) const;

  const std::string& global_dir() const { return global_dir_; }
  const std::string& domain_dir() const { return domain_dir_; }

  // Each getter takes a setting name from the built-in registry (an unknown
  // name is a programming error: std::logic_error) and must match its type.
  // A setting's file is read once per Config object, the first time it is
  // asked for: a batch of 100 000 accounts asks for the same defaults
  // 100 000 times. A read that fails is not kept; it fails again next time.
  std::string str(std::string_view name) const;    // first line, trimmed
  std::string dir(std::string_view name) const;    // str + trailing '/' (unless empty)
  fmt::Limit number(std::string_view name) const;  // decimal; leading '-' = unlimited (nullopt)
  std::vector<std::string> list(std::string_view name) const;  // non-empty lines not starting '#'
  // Existing hook executables for name, global first then per-domain.
  std::vector<std::string> hooks(std::string_view name) const;

  // Every setting (not hooks) as "name", "value" in registry order, for showvconfig.
  // Numbers print as decimal or "-"; lists joined with ", "... see config.cc.
  std::vector<std::pair<std::string, std::string>> effective() const;

 private:
  struct Source {
    std::string text, origin;  // origin: the path read, or which default, for messages
  };
  const Source& source(std::string_view name) const;

  std::string global_dir_, domain_dir_;
  mutable std::map<std::string, Source, std::less<>> read_;
};

}  // namespace vmm::domain
