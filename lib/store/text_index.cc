#include "store/text_index.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "store/fd_sink.h"
#include "store/table_lock.h"
#include "sys/error.h"
#include "sys/file_replace.h"

namespace vmm::store {
namespace {

FileStamp stamp_from(const struct stat& st) {
  FileStamp s;
  s.exists = true;
  s.dev = st.st_dev;
  s.ino = st.st_ino;
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.mode = st.st_mode;
  s.mtime_s = st.st_mtim.tv_sec;
  s.mtime_ns = st.st_mtim.tv_nsec;
  s.ctime_s = st.st_ctim.tv_sec;
  s.ctime_ns = st.st_ctim.tv_nsec;
  return s;
}

bool settled(const FileStamp& s, std::time_t now) {
  if (!s.exists) return true;
  return s.mtime_s <= now - kSettleSeconds && s.ctime_s <= now - kSettleSeconds;
}

int open_retrying(const std::string& path, int flags, mode_t mode = 0) {
  int fd;
  do fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  while (fd < 0 && errno == EINTR);
  return fd;
}

}  // namespace

FileStamp stamp_of(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return {};
    throw_errno("stat " + path);
  }
  return stamp_from(st);
}

IndexFile::IndexFile(sys::MappedFile map, std::string path)
    : map_(std::move(map)), cdb_(map_.bytes(), std::move(path)) {}

TextIndex::TextIndex(std::string dir, std::string name, std::string format,
                     std::vector<std::string> sources, std::size_t max_bytes)
    : dir_(std::move(dir)),
      name_(std::move(name)),
      format_(std::move(format)),
      sources_(std::move(sources)),
      max_bytes_(max_bytes) {
  if (!dir_.empty() && dir_.back() != '/') dir_ += '/';
  if (!dir_.empty()) {
    path_ = dir_ + name_ + ".cdb";
    lock_ = dir_ + name_ + ".lock";
  }
}

std::string TextIndex::stamp_record(const std::vector<std::string>& paths,
                                    const std::vector<FileStamp>& stamps) const {
  std::string r = format_ + "\n";
  for (std::size_t i = 0; i < paths.size() && i < stamps.size(); ++i) {
    const FileStamp& s = stamps[i];
    r += paths[i];
    if (!s.exists) {
      r += "\tmissing\n";
      continue;
    }
    for (std::int64_t v : {static_cast<std::int64_t>(s.dev), static_cast<std::int64_t>(s.ino),
                           static_cast<std::int64_t>(s.size), static_cast<std::int64_t>(s.mode),
                           s.mtime_s, s.mtime_ns, s.ctime_s, s.ctime_ns})
      r += "\t" + std::to_string(v);
    r += "\n";
  }
  return r;
}

std::shared_ptr<const IndexFile> TextIndex::open_fresh() const {
  if (path_.empty()) return nullptr;
  std::vector<FileStamp> stamps;
  for (const std::string& source : sources_) stamps.push_back(stamp_of(source));
  return open_matching(stamp_record(sources_, stamps));
}

std::shared_ptr<const IndexFile> TextIndex::open_matching(const std::string& wanted) const {
  int raw = open_retrying(path_, O_RDONLY | O_NOFOLLOW);
  if (raw < 0) return nullptr;  // missing, or not ours to read: the text answers
  sys::Fd fd(raw);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
  if (st.st_uid != 0 && st.st_uid != ::geteuid()) return nullptr;
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) return nullptr;
  try {
    auto index = std::make_shared<IndexFile>(
        sys::MappedFile(fd, static_cast<std::size_t>(st.st_size), path_), path_);
    std::optional<std::string_view> record = index->find("");
    if (!record || *record != wanted) return nullptr;
    return index;
  } catch (const Error&) {  // not mappable, or corrupt: rebuilt like a stale one
    return nullptr;
  }
}

std::vector<SourceText> TextIndex::read_sources() const {
  std::vector<SourceText> texts;
  for (const std::string& source : sources_) {
    SourceText t;
    t.path = source;
    int raw = open_retrying(source, O_RDONLY);
    if (raw < 0) {
      if (errno != ENOENT) throw_errno("open " + source);
      texts.push_back(std::move(t));  // missing: empty, as qmail reads it
      continue;
    }
    sys::Fd fd(raw);
    struct stat before, after;
    if (::fstat(fd.get(), &before) != 0) throw_errno("stat " + source);
    t.stamp = stamp_from(before);
    t.text = sys::read_bounded(fd.get(), max_bytes_, source);
    if (::fstat(fd.get(), &after) != 0) throw_errno("stat " + source);
    t.steady = stamp_from(after) == t.stamp;
    texts.push_back(std::move(t));
  }
  return texts;
}

// Temporary files of writers that died: only a writer holding the lock
// writes, so any other one left in the directory is garbage.
void TextIndex::remove_leftovers() const {
  DIR* d = ::opendir(dir_.c_str());
  if (!d) return;
  const std::string prefix = name_ + ".cdb.tmp.";
  while (const struct dirent* e = ::readdir(d)) {
    std::string_view entry(e->d_name);
    if (entry.substr(0, prefix.size()) == prefix) ::unlink((dir_ + e->d_name).c_str());
  }
  ::closedir(d);
}

TextIndex::Stored TextIndex::store(const std::vector<SourceText>& texts, std::time_t now,
                                   const std::function<void(fmt::CdbWriter&)>& records) const {
  if (path_.empty()) return Stored::no_index;
  std::vector<std::string> paths;
  std::vector<FileStamp> stamps;
  bool world_readable = true;
  for (const SourceText& t : texts) {
    if (!t.steady || !settled(t.stamp, now)) return Stored::unsettled;
    if (t.stamp.exists && (t.stamp.mode & S_IROTH) == 0) world_readable = false;
    paths.push_back(t.path);
    stamps.push_back(t.stamp);
  }
  const std::string record = stamp_record(paths, stamps);
  try {
    int raw = open_retrying(lock_, O_RDWR | O_CREAT | O_NOFOLLOW, 0600);
    if (raw < 0) return Stored::failed;  // not root, read-only, no directory...
    sys::Fd lock(raw);
    if (!try_lock_file(lock.get(), lock_)) return Stored::busy;
    if (open_matching(record)) return Stored::current;  // the previous holder made it
    remove_leftovers();
    // Nobody may read more through the index than through the text.
    sys::FileReplacement out(path_, sys::temp_beside(path_), world_readable ? 0644 : 0600);
    FdSink sink(out.fd(), out.temp());
    fmt::CdbWriter writer(sink);
    writer.add("", record);
    records(writer);
    writer.finish();
    sink.flush();
    out.commit(sys::FileReplacement::Sync::file);
    return Stored::written;
  } catch (const Error&) {
    return Stored::failed;
  }
}

}  // namespace vmm::store
