// The built-in table of every setting (SPEC §2): its name, type and default.
// Config (config.h) looks files up; this table says what they mean.
#pragma once
#include <span>
#include <string_view>

namespace vmm::domain {

enum class SettingType { string, directory, number, list, executable };

struct Setting {
  std::string_view name;
  SettingType type;
  // The default written as a setting file would hold it ("-" = unlimited,
  // one list item per line), so defaults and files go through one parser.
  // Hooks (executable) have no default: an absent hook does not run.
  std::string_view default_text;
};

// Every setting, in the order showvconfig prints them; hooks last.
std::span<const Setting> settings();

// The entry for name; an unknown name is a programming error (std::logic_error).
const Setting& find_setting(std::string_view name);

}  // namespace vmm::domain
