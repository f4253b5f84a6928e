// qmail's control/virtualdomains and control/locals as every reader gets
// them (checkvpw and the other logins, the recipient lookups): through their
// index when it is up to date, else from the text (store/text_index says
// when an index counts as up to date, and who writes it).
#pragma once
#include <ctime>
#include <string>

#include "domain/config.h"
#include "domain/virtualdomains.h"

namespace vmm::domain {

struct ControlFiles {
  VirtualDomains virtualdomains;
  Locals locals;
};

// Where read_control looks.
struct ControlPaths {
  std::string qmail_root;  // <qmail_root>/control/virtualdomains and locals
  std::string index_dir;   // their index, control.cdb; empty: none
};

// The settings qmail-root and control-index of the global configuration.
ControlPaths control_paths(const Config& global);

// Each text file is read at most this many bytes (a million domains take
// about 30 MB).
inline constexpr std::size_t kMaxControlFile = 128 << 20;

// Both files: from the index in paths.index_dir when its stamps match the
// files, else from the text, in which case the index is rewritten when this
// process may and the texts are settled at time now. A missing file is
// empty; any other read failure of a text throws (each is bounded to
// kMaxControlFile bytes). The index never makes a read fail.
ControlFiles read_control(const ControlPaths& paths, std::time_t now);

}  // namespace vmm::domain
