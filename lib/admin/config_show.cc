#include "admin/config_show.h"

#include "sys/dir.h"

namespace vmm::admin {

domain::Config config_for_home(const char* home) {
  domain::Config global = domain::Config::global();
  if (!home || !*home || !sys::is_directory(home)) return global;
  return global.for_domain(home);
}

std::string show_config(const domain::Config& config) {
  std::string out;
  for (const auto& [name, value] : config.effective()) out += name + ": " + value + "\n";
  return out;
}

}  // namespace vmm::admin
