// An account's autoresponse (vacation message, SPEC §17), stored where
// VMailMgr's daemon kept it so existing data carries over:
//   <account dir>/<autoresponse-dir>/<autoresponse-file>            enabled
//   <account dir>/<autoresponse-dir>/<autoresponse-file>.disabled   disabled
// The directory also holds vdeliver's record of whom it has answered.
// One object for the shell tool, the daemon's `autoresponse` command, the web
// pages and vdeliver; it runs as the base user, so what it makes is base-owned.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/config.h"

namespace vmm::domain {

// What the daemon's `status` answers, VMailMgr's spellings (status_text).
enum class AutoresponseStatus {
  enabled,               // the message file exists
  disabled,              // only the .disabled file exists
  missing_message_file,  // the directory exists, neither file does
  nonexistent,           // no directory
};
// "enabled", "disabled", "missing message file", "nonexistant" (sic: what
// VMailMgr's clients compare with).
std::string_view status_text(AutoresponseStatus s);

// What enable, disable and remove did.
enum class AutoresponseChange {
  done,     // the change was made
  already,  // it was already so (enable: enabled; disable: disabled)
  nothing,  // there is no message (enable, disable) or no directory (remove)
};

// The largest message stored or read: VMailMgr's daemon read 64 KiB.
inline constexpr std::size_t autoresponse_max_bytes = 65536;

struct AutoresponsePaths {
  std::string dir;       // account dir + "/" + autoresponse-dir
  std::string message;   // dir + "/" + autoresponse-file
  std::string disabled;  // message + ".disabled"
};

class Autoresponse {
 public:
  // account_dir: the account's directory, absolute (Domain::absolute of the
  // record's). Empty or relative, or settings autoresponse-dir (a relative
  // path without "..") / autoresponse-file (a plain name) that would leave
  // the account directory: Error(permanent).
  Autoresponse(const Config& config, std::string account_dir);

  const AutoresponsePaths& paths() const { return paths_; }
  const std::string& account_dir() const { return account_dir_; }

  // Symbolic links count as present (lstat), as VMailMgr's checks did.
  AutoresponseStatus status() const;

  // The enabled message, else the disabled one; nullopt when neither
  // exists. A symlink is not followed (an error, ELOOP); a file over
  // autoresponse_max_bytes is Error(permanent).
  std::optional<std::string> read() const;

  // Stores message whole or not at all (temporary file, fsync, rename,
  // fsync of the directory), mode 0600, making the directory (0700) when
  // missing; the account directory must exist. An enabled message is
  // replaced; a disabled one is replaced and stays disabled (VMailMgr
  // refused to write then; a page editing a disabled message keeps it
  // off); a new one is enabled. Returns the state afterwards (enabled or
  // disabled). message_problem(message) non-empty: Error(permanent, it).
  AutoresponseStatus write(std::string_view message) const;

  // Renames .disabled to the message file. When both exist the enabled one
  // counts (already).
  AutoresponseChange enable() const;
  // Renames the message file to .disabled, replacing an older disabled
  // copy (VMailMgr refused; the message in use is the one to keep).
  AutoresponseChange disable() const;
  // Removes the whole directory (message, disabled copy, vdeliver's record),
  // never following a symlink (sys::remove_tree).
  AutoresponseChange remove() const;

 private:
  std::string account_dir_;
  AutoresponsePaths paths_;
};

// Why message may not be stored; "" when it may: empty, over
// autoresponse_max_bytes, or holding a NUL byte.
std::string message_problem(std::string_view message);

}  // namespace vmm::domain
