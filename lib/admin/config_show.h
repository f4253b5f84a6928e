// showvconfig (SPEC §2): every effective setting as "name: value" lines.
#pragma once
#include <string>

#include "domain/config.h"

namespace vmm::admin {

// The settings the tools would use with this HOME: per-domain (home/.vmailmgr)
// then global when home is a directory; only the global ones when home is
// null, empty or not a directory (showvconfig also answers outside a domain).
domain::Config config_for_home(const char* home);

// One line per setting of Config::effective(), in registry order, each
// "name: value\n" (a setting with an empty value ends in ": ").
// A setting file that does not parse throws its Error naming the file.
std::string show_config(const domain::Config& config);

}  // namespace vmm::admin
