#include "domain/config.h"

#include <cstdlib>
#include <stdexcept>

#include "auto/paths.h"
#include "domain/config_registry.h"
#include "domain/config_value.h"
#include "sys/error.h"
#include "sys/exec.h"
#include "sys/fd.h"

namespace vmm::domain {

namespace {

// A setting file is one short line or a short list; anything bigger is a mistake.
constexpr std::size_t kMaxSettingBytes = 64 * 1024;

std::string join(const std::string& dir, std::string_view name) {
  std::string path = dir;
  if (path.back() != '/') path += '/';
  path += name;
  return path;
}

const Setting& typed(std::string_view name, SettingType type) {
  const Setting& s = find_setting(name);
  if (s.type != type)
    throw std::logic_error("setting '" + std::string(name) + "' read with the wrong type");
  return s;
}

std::string as_directory(std::string value) {
  if (!value.empty() && value.back() != '/') value += '/';
  return value;
}

}  // namespace

Config Config::global() {
  const char* env = std::getenv("VMAILMGR_ETC");
  return Config(env && *env ? env : auto_conf::etc, "");
}

// An empty global_dir means none: only per-domain files and defaults count.
Config::Config(std::string global_dir, std::string domain_dir)
    : global_dir_(std::move(global_dir)), domain_dir_(std::move(domain_dir)) {}

// An empty home (a broken passwd entry) means the current directory, where
// the admin tools run anyway, rather than "/.vmailmgr".
Config Config::for_domain(const std::string& base_home) const {
  return Config(global_dir_, join(base_home.empty() ? "." : base_home, ".vmailmgr"));
}

// Per-domain file, then global file, then the built-in default. A missing
// file falls through; any other failure (unreadable, a directory, too big)
// is an error naming the path rather than a silent fall back to a default.
const Config::Source& Config::source(std::string_view name) const {
  if (auto known = read_.find(name); known != read_.end()) return known->second;
  const Setting& s = find_setting(name);
  Source src;
  bool found = false;
  for (const std::string* dir : {&domain_dir_, &global_dir_}) {
    if (dir->empty()) continue;
    src.origin = join(*dir, s.name);
    if ((found = sys::read_file_if_exists(src.origin, kMaxSettingBytes, src.text))) break;
  }
  if (!found) {
    src.text = s.default_text;
    src.origin = "built-in default of " + std::string(s.name);
  }
  return read_.emplace(std::string(name), std::move(src)).first->second;
}

std::string Config::str(std::string_view name) const {
  typed(name, SettingType::string);
  return first_line(source(name).text);
}

// A value already ending in '/' is kept as it is.
std::string Config::dir(std::string_view name) const {
  typed(name, SettingType::directory);
  return as_directory(first_line(source(name).text));
}

fmt::Limit Config::number(std::string_view name) const {
  typed(name, SettingType::number);
  const Source& src = source(name);
  return parse_number(src.text, src.origin);
}

std::vector<std::string> Config::list(std::string_view name) const {
  typed(name, SettingType::list);
  return parse_list(source(name).text);
}

// Policy for a hook path (decided here, SPEC §2 leaves it open):
// - missing: skipped;
// - a regular file without any execute bit: skipped, so `chmod -x` is how an
//   administrator switches a hook off (as with git hooks and run-parts);
// - a regular file with an execute bit: run, even if this user may not
//   execute it; run_program then fails with a clear error rather than
//   silently bypassing a hook that may guard logins;
// - anything else (a directory...): Error(permanent) naming the path.
std::vector<std::string> Config::hooks(std::string_view name) const {
  typed(name, SettingType::executable);
  std::vector<std::string> found;
  for (const std::string* dir : {&global_dir_, &domain_dir_}) {
    if (dir->empty()) continue;
    std::string path = join(*dir, name);
    switch (sys::probe_program(path)) {
      case sys::ProgramFile::missing:
      case sys::ProgramFile::no_exec_bit:
        break;
      case sys::ProgramFile::not_regular:
        throw Error(ErrorClass::permanent, path + ": hook is not a regular file");
      case sys::ProgramFile::executable:
        found.push_back(std::move(path));
        break;
    }
  }
  return found;
}

// Strings and directories as their value, numbers in decimal or "-",
// lists joined with ", " (empty for an empty list); hooks are left out.
std::vector<std::pair<std::string, std::string>> Config::effective() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Setting& s : settings()) {
    std::string value;
    switch (s.type) {
      case SettingType::string:
        value = str(s.name);
        break;
      case SettingType::directory:
        value = dir(s.name);
        break;
      case SettingType::number: {
        fmt::Limit n = number(s.name);
        value = n ? std::to_string(*n) : "-";
        break;
      }
      case SettingType::list:
        for (const std::string& item : list(s.name))
          value += (value.empty() ? "" : ", ") + item;
        break;
      case SettingType::executable:
        continue;
    }
    out.emplace_back(std::string(s.name), std::move(value));
  }
  return out;
}

}  // namespace vmm::domain
