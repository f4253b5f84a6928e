// Delivering one message into a Maildir (SPEC §7 step 4): the message is
// written into tmp/ under a unique name, fsynced, then linked into new/ as
// NAME,S=<size> and new/ is fsynced, so new/ only ever holds complete
// messages. Names follow the Maildir convention of Courier and Dovecot:
//   <sec>.M<usec>P<pid>Q<n>R<random>.<host>
// (n counts the names this process made, random is 64 bits from the
// kernel), so concurrent deliveries never collide, even within a second.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "sys/fd.h"

namespace vmm::store {

// host with '/' written as "\057" and ':' as "\072" (they would end or split
// a Maildir name).
std::string maildir_host(std::string_view host);

struct MaildirNameParts {
  std::int64_t sec = 0;
  long usec = 0;
  pid_t pid = 0;
  unsigned long q = 0;
  std::uint64_t random = 0;
  std::string host;  // already escaped
};
// "<sec>.M<usec>P<pid>Q<q>R<16 hex digits>.<host>"
std::string maildir_name(const MaildirNameParts& parts);

// Makes the unique names of one process.
class MaildirNames {
 public:
  MaildirNames();  // this host and process
  MaildirNames(std::string host, pid_t pid);
  std::string next();  // current time, next Q, fresh random bits

 private:
  std::string host_;
  pid_t pid_;
  unsigned long q_ = 0;
};

// One message on its way into maildir. The tmp/ file is removed again by
// the destructor unless deliver() succeeded, so a failure (disk full, I/O
// error, a refused message) never leaves a tmp file or anything in new/.
class MaildirMessage {
 public:
  // Creates maildir/tmp/NAME (mode 0600, O_EXCL, never through a symlink),
  // trying new names when one exists. Errors: errno_error("create PATH").
  MaildirMessage(std::string maildir, MaildirNames& names);
  ~MaildirMessage();
  MaildirMessage(const MaildirMessage&) = delete;
  MaildirMessage& operator=(const MaildirMessage&) = delete;

  int fd() const { return fd_.get(); }  // open read-write
  const std::string& tmp_path() const { return tmp_path_; }
  void write(std::string_view bytes);   // appends; errno_error("write PATH")
  void sync();                          // fsync the file
  std::uint64_t size() const;           // from fstat

  // Links tmp/NAME to new/NAME,S=<size> (a fresh name when that exists;
  // rename without replacing where hard links are not supported), removes
  // the tmp name and fsyncs new/. If that fsync fails the new/ entry is
  // removed again and the error thrown. Returns the path in new/.
  std::string deliver(MaildirNames& names);
  // Removes the tmp file now (the destructor would).
  void discard() noexcept;

 private:
  std::string maildir_, tmp_path_;
  sys::Fd fd_;
  bool delivered_ = false;
};

}  // namespace vmm::store
