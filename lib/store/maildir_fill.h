// Filling a new Maildir that nobody reads yet (vimport, SPEC §19). The
// account that will own it is not in the table until everything written
// here is on disk (the caller syncs the file system, then writes the table),
// so messages go straight to their final names in cur/ or new/ without an
// fsync each. While the directory is filled it holds a marker file: a run
// that dies before the table names the account leaves the marker behind,
// and the next run knows the directory is its own unfinished work, not
// someone's mail, and resumes it.
//
// Names are deterministic (position in the old mailbox + digest of the
// bytes), so a resumed fill recognises what an earlier run already wrote:
// a file under the name it would write, holding exactly the bytes, is kept;
// anything else there is that run's leftover and goes.
//
// Creating a file is mostly the kernel's work, under the directory's lock:
// this thread creates the files one after another, and from the
// kWrittenInPlace-th message of a mailbox on a WriteBehind thread writes
// them meanwhile (a small mailbox is not worth a thread); see README,
// figure 7. Errors of those writes come from a later add() or finish().
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "store/write_behind.h"
#include "sys/fd.h"

namespace vmm::store {

inline constexpr const char* kIncompleteMarker = "vimport-incomplete";

// dir/vimport-incomplete exists (a regular file; never followed).
bool has_incomplete_marker(const std::string& dir);
// Creates it (mode 0600; an existing one is fine).
void mark_incomplete(const std::string& dir);
// Removes it; a missing one is fine.
void unmark_incomplete(const std::string& dir);

// The record an import leaves in the account directory it made: the
// password hash it stored, so a later run of the same import recognises the
// account as its own even after the user's first login replaced that hash.
inline constexpr const char* kImportRecord = "vimport-imported";
// Writes dir/vimport-imported (0600) holding hash and a newline; an
// existing one is replaced (only ever in a directory being filled).
void write_import_record(const std::string& dir, const std::string& hash);
// The hash it holds; nullopt when there is none (or it is not a regular
// file, or not one line).
std::optional<std::string> read_import_record(const std::string& dir);

struct FillMessage {
  std::uint64_t number = 0;  // 1-based position in its mailbox
  std::int64_t series = 0;   // the mailbox's modification time: the names' time
  std::string_view bytes;
  std::string_view flags;             // Maildir info flags ("FRST" letters)
  std::optional<std::int64_t> mtime;  // the file's times; none: when written
  // When set, bytes is *storage's content, and add() may take that string
  // over, leaving another one there (content unspecified): no copy.
  std::string* storage = nullptr;
};

// "<series>.I<number, 10 digits>.<host>,S=<size>:2,<flags>": the same in
// every run over the same mailbox file (a changed file has another time).
// Dovecot orders equal times by name, so the mailbox order stays.
std::string import_message_name(const FillMessage& m, std::string_view host);

enum class FillMode {
  fresh,   // an empty new Maildir: an existing name is an error
  resume,  // a marked Maildir an earlier run did not finish
};

class MaildirFill {
 public:
  // maildir must exist with cur/ new/ tmp/. host as maildir_host makes it.
  MaildirFill(std::string maildir, std::string host, FillMode mode = FillMode::fresh);

  // Writes the message to cur/<import_message_name>, mode 0600; errors:
  // Error(permanent, "PATH already exists") in a fresh fill, errno_error
  // ("create PATH", "write PATH"...). Resuming, a file under that name
  // with these very bytes is kept (its times set again).
  void add(const FillMessage& m);

  // Copies the regular file from into sub ("cur", "new", ".Folder/cur"...)
  // under name, with from's times, at once; from is never followed if it
  // is a symlink (Error(permanent, "FROM is not a regular file")). An
  // existing name is never replaced in a fresh fill (Error(permanent, "PATH
  // already exists")); resuming, one with the same bytes is kept.
  void copy(const std::string& from, std::string_view sub, const std::string& name);

  // Waits until every message added is written (throwing the first error
  // of those written behind). Resuming, then removes every message file
  // (cur/ new/ tmp/ of the Maildir and its folders) that this fill neither
  // wrote nor kept.
  void finish();

  std::uint64_t messages() const { return messages_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  bool keep_existing(const std::string& rel, std::string_view bytes, const std::string& from_path);

  std::string maildir_, host_;
  FillMode mode_;
  sys::Fd cur_;
  std::unordered_set<std::string> existing_;  // resuming: "cur/NAME", ".F/new/NAME"...
  std::unordered_set<std::string> kept_;      // of those, kept or written again
  std::uint64_t messages_ = 0, bytes_ = 0;
  std::uint64_t added_ = 0;
  std::string scratch_;                  // add()'s copy of bytes without storage
  std::unique_ptr<WriteBehind> behind_;  // declared last: stopped first
};

// Messages of one mailbox written by add() itself before a WriteBehind
// thread takes over the writing.
inline constexpr std::uint64_t kWrittenInPlace = 64;

// Makes the Maildir++ folder maildir/.name (name without its leading dot):
// the directory and cur new tmp (0700), and an empty "maildirfolder" file.
// Existing ones are fine.
void create_maildir_folder(const std::string& maildir, const std::string& name);

}  // namespace vmm::store
