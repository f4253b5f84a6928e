// Filling a new Maildir that nobody reads yet (vimport, SPEC §19). The
// account that will own it is not in the table until everything written
// here is on disk (the caller syncs the file system, then writes the table),
// so messages go straight to their final names in cur/ or new/ without the
// tmp/-then-link dance of a delivery, and without an fsync each. While the
// directory is filled it holds a marker file: a run that dies before the
// table names the account leaves the marker behind, and the next run knows
// the directory is its own unfinished work, not someone's mail.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/maildir_deliver.h"

namespace vmm::store {

inline constexpr const char* kIncompleteMarker = "vimport-incomplete";

// dir/vimport-incomplete exists (a regular file; never followed).
bool has_incomplete_marker(const std::string& dir);
// Creates it (mode 0600; an existing one is fine).
void mark_incomplete(const std::string& dir);
// Removes it; a missing one is fine.
void unmark_incomplete(const std::string& dir);

class MaildirFill {
 public:
  // maildir must exist with cur/ new/ tmp/. host as maildir_host makes it.
  MaildirFill(std::string maildir, std::string host);

  // A new message in cur/ named "<sec>.M<usec>P<pid>Q<n>R<random>.<host>,
  // S=<size>:2,<flags>" (sec, usec, random fixed per MaildirFill; n counts),
  // mode 0600, access and modification time = mtime when given. Returns its
  // path. Errors: errno_error("create PATH"), ("write PATH").
  std::string add(std::string_view bytes, std::string_view flags, std::optional<std::int64_t> mtime);

  // Copies the regular file from into sub ("cur" or "new") under name, with
  // from's modification time; from is never followed if it is a symlink
  // (Error(permanent, "FROM is not a regular file")). An existing name is
  // never replaced (Error(permanent, "PATH already exists")).
  void copy(const std::string& from, std::string_view sub, const std::string& name);

  std::uint64_t messages() const { return messages_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  std::string maildir_;
  MaildirNameParts parts_;
  std::uint64_t messages_ = 0, bytes_ = 0;
};

// Makes the Maildir++ folder maildir/.name (name without its leading dot):
// the directory and cur new tmp (0700), and an empty "maildirfolder" file.
// Existing ones are fine.
void create_maildir_folder(const std::string& maildir, const std::string& name);

}  // namespace vmm::store
