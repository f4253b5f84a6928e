#include "import/mailbox_copy.h"

#include <fcntl.h>

#include "fmt/loose_date.h"
#include "sys/dir.h"
#include "sys/fd.h"
#include "sys/file_status.h"

namespace vmm::import {
namespace {

void from_mbox(const std::string& path, fmt::MboxQuoting quoting, std::time_t now,
               store::MaildirFill* fill, MailboxCount& count) {
  if (sys::file_kind(path, sys::Links::follow) == sys::FileKind::missing) return;
  sys::Fd fd = sys::open_file(path, O_RDONLY);
  const sys::FileStatus status = sys::file_status(fd.get(), path);
  sys::MappedFile file(fd, status.size, path);
  const std::int64_t series = status.modified;  // the names' time: the same in every run
  fmt::MboxReader reader(file.bytes(), quoting);
  fmt::MboxMessage m;
  while (reader.next(m)) {
    ++count.messages;
    count.bytes += m.bytes.size();
    if (fill)
      fill->add({count.messages, series, m.bytes, m.flags, fmt::parse_loose_date(m.date_text, now), &m.bytes});
  }
}

// The messages of one Maildir (or folder) directory: cur/ and new/.
void copy_messages(const std::string& from, store::MaildirFill* fill, const std::string& folder,
                   MailboxCount& count) {
  for (const char* sub : {"cur", "new"}) {
    const std::string dir = from + "/" + sub;
    std::vector<sys::DirEntry> entries = sys::dir_entries(dir);
    for (const sys::DirEntry& e : entries) {
      if (e.name.starts_with(".")) continue;
      if (e.type != sys::DirEntry::regular) {
        count.warnings.push_back(dir + "/" + e.name + " is not a regular file: left out");
        continue;
      }
      if (fill) fill->copy(dir + "/" + e.name, folder + sub, e.name);
      ++count.messages;
    }
  }
}

void from_maildir(const std::string& path, store::MaildirFill* fill, const std::string& target,
                  MailboxCount& count) {
  if (sys::file_kind(path, sys::Links::follow) == sys::FileKind::missing) return;
  copy_messages(path, fill, "", count);
  for (const sys::DirEntry& e : sys::dir_entries(path)) {
    if (e.type != sys::DirEntry::directory || !e.name.starts_with(".") || e.name == "." || e.name == "..")
      continue;
    const std::string folder = path + "/" + e.name;
    if (!sys::is_directory(folder + "/cur") && !sys::is_directory(folder + "/new")) continue;
    if (fill) store::create_maildir_folder(target, e.name.substr(1));
    ++count.folders;
    copy_messages(folder, fill, e.name + "/", count);
  }
}

}  // namespace

MailboxCount bring_mailbox(const Mailbox& from, fmt::MboxQuoting quoting, std::time_t now,
                           store::MaildirFill* fill, const std::string& target) {
  MailboxCount count;
  if (from.kind == Mailbox::mbox) from_mbox(from.path, quoting, now, fill, count);
  if (from.kind == Mailbox::maildir) from_maildir(from.path, fill, target, count);
  if (fill) fill->finish();
  if (fill && from.kind == Mailbox::maildir) count.bytes = fill->bytes();
  return count;
}

}  // namespace vmm::import
