#include "domain/autoresponse.h"

#include <fcntl.h>

#include <cerrno>
#include <utility>

#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/file_replace.h"
#include "sys/remove_tree.h"

namespace vmm::domain {

namespace {

bool present(const std::string& path) {
  return sys::file_kind(path, sys::Links::no_follow) != sys::FileKind::missing;
}

// autoresponse-dir: relative, no ".." component (remove_tree deletes it).
std::string dir_setting(const Config& config) {
  std::string v = config.str("autoresponse-dir");
  while (v.size() > 1 && v.back() == '/') v.pop_back();
  bool ok = !v.empty() && v.front() != '/' && v.find('\0') == std::string::npos;
  for (std::size_t at = 0; ok && at <= v.size();) {
    std::size_t end = v.find('/', at);
    if (end == std::string::npos) end = v.size();
    std::string_view part(v.data() + at, end - at);
    if (part == ".." || part == ".") ok = false;
    at = end + 1;
  }
  if (!ok)
    throw Error(ErrorClass::permanent,
                "setting autoresponse-dir: '" + v + "' is not a directory inside the account's");
  return v;
}

std::string file_setting(const Config& config) {
  std::string v = config.str("autoresponse-file");
  if (v.empty() || v == "." || v == ".." || v.find('/') != std::string::npos ||
      v.find('\0') != std::string::npos)
    throw Error(ErrorClass::permanent, "setting autoresponse-file: '" + v + "' is not a file name");
  return v;
}

// The file, or nullopt when it is not there; never through a symlink.
std::optional<std::string> read_if_present(const std::string& path) {
  sys::Fd fd;
  try {
    fd = sys::open_file(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (const Error& e) {
    if (e.err() == ENOENT || e.err() == ENOTDIR) return std::nullopt;
    throw;
  }
  return sys::read_bounded(fd.get(), autoresponse_max_bytes, path);
}

}  // namespace

std::string_view status_text(AutoresponseStatus s) {
  switch (s) {
    case AutoresponseStatus::enabled: return "enabled";
    case AutoresponseStatus::disabled: return "disabled";
    case AutoresponseStatus::missing_message_file: return "missing message file";
    case AutoresponseStatus::nonexistent: return "nonexistant";
  }
  return "nonexistant";
}

std::string message_problem(std::string_view message) {
  if (message.empty()) return "the autoresponse message is empty";
  if (message.size() > autoresponse_max_bytes)
    return "the autoresponse message is larger than " + std::to_string(autoresponse_max_bytes) +
           " bytes";
  if (message.find('\0') != std::string_view::npos)
    return "the autoresponse message holds a NUL byte";
  return "";
}

Autoresponse::Autoresponse(const Config& config, std::string account_dir)
    : account_dir_(std::move(account_dir)) {
  if (account_dir_.empty() || account_dir_.front() != '/')
    throw Error(ErrorClass::permanent,
                "the account has no directory to keep an autoresponse in ('" + account_dir_ + "')");
  while (account_dir_.size() > 1 && account_dir_.back() == '/') account_dir_.pop_back();
  paths_.dir = account_dir_ + "/" + dir_setting(config);
  paths_.message = paths_.dir + "/" + file_setting(config);
  paths_.disabled = paths_.message + ".disabled";
}

AutoresponseStatus Autoresponse::status() const {
  if (present(paths_.message)) return AutoresponseStatus::enabled;
  if (present(paths_.disabled)) return AutoresponseStatus::disabled;
  if (sys::file_kind(paths_.dir, sys::Links::no_follow) == sys::FileKind::directory)
    return AutoresponseStatus::missing_message_file;
  return AutoresponseStatus::nonexistent;
}

std::optional<std::string> Autoresponse::read() const {
  if (auto text = read_if_present(paths_.message)) return text;
  return read_if_present(paths_.disabled);
}

AutoresponseStatus Autoresponse::write(std::string_view message) const {
  if (std::string problem = message_problem(message); !problem.empty())
    throw Error(ErrorClass::permanent, problem);
  if (sys::file_kind(account_dir_, sys::Links::follow) != sys::FileKind::directory)
    throw Error(ErrorClass::permanent, "the account's directory " + account_dir_ + " does not exist");
  sys::make_dir(paths_.dir, 0700);
  const bool keep_disabled = !present(paths_.message) && present(paths_.disabled);
  const std::string& target = keep_disabled ? paths_.disabled : paths_.message;
  sys::FileReplacement out(target, sys::temp_beside(target), 0600);
  sys::write_all(out.fd(), message, out.temp());
  out.commit(sys::FileReplacement::Sync::file);
  sys::fsync_dir(paths_.dir);
  return keep_disabled ? AutoresponseStatus::disabled : AutoresponseStatus::enabled;
}

AutoresponseChange Autoresponse::enable() const {
  if (present(paths_.message)) return AutoresponseChange::already;
  if (!present(paths_.disabled)) return AutoresponseChange::nothing;
  // Not replacing: a message written meanwhile is the newer one.
  if (!sys::rename_no_replace(paths_.disabled, paths_.message)) return AutoresponseChange::already;
  sys::fsync_dir(paths_.dir);
  return AutoresponseChange::done;
}

AutoresponseChange Autoresponse::disable() const {
  if (!present(paths_.message))
    return present(paths_.disabled) ? AutoresponseChange::already : AutoresponseChange::nothing;
  // An older disabled copy gives way to the message in use.
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (sys::rename_no_replace(paths_.message, paths_.disabled)) {
      sys::fsync_dir(paths_.dir);
      return AutoresponseChange::done;
    }
    sys::remove_tree(paths_.disabled);
  }
  throw Error(ErrorClass::temporary, "unable to disable " + paths_.message +
                                         ": " + paths_.disabled + " keeps coming back");
}

AutoresponseChange Autoresponse::remove() const {
  return sys::remove_tree(account_dir_, paths_.dir.substr(account_dir_.size() + 1))
             ? AutoresponseChange::done
             : AutoresponseChange::nothing;
}

}  // namespace vmm::domain
