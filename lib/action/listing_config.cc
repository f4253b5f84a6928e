#include "action/listing_config.h"

#include <sys/stat.h>

namespace vmm::action {

domain::Config config_for_home(const char* home) {
  domain::Config global = domain::Config::global();
  struct stat st;
  if (!home || !*home || ::stat(home, &st) != 0 || !S_ISDIR(st.st_mode)) return global;
  return global.for_domain(home);
}

std::string show_config(const domain::Config& config) {
  std::string out;
  for (const auto& [name, value] : config.effective()) out += name + ": " + value + "\n";
  return out;
}

}  // namespace vmm::action
