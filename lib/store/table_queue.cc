#include "store/table_queue.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

#include "sys/dir.h"
#include "sys/error.h"

namespace vmm::store {
namespace {

// A queued change is a few records' worth; vchattr given every account of
// a big domain at once stays well under this.
constexpr std::size_t kMaxChange = 64u << 20;
constexpr std::size_t kMaxOutcome = 64u << 10;
// Leftovers of requesters that died (an outcome nobody took, a change
// half written) are removed after this.
constexpr std::time_t kStaleSeconds = 3600;

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Whole file at dir/name, bounded; nullopt when missing. EACCES (another
// owner's change) is reported as nullopt too when allow_denied.
std::optional<std::string> read_at(int dir, const std::string& name, std::size_t max,
                                   const std::string& what, bool allow_denied = false) {
  int fd = ::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || (allow_denied && errno == EACCES)) return std::nullopt;
    throw_errno("open " + what);
  }
  sys::Fd held(fd);
  return sys::read_bounded(fd, max, what);
}

// dir/name made whole or not at all: written to dir/name.t, renamed.
void write_at(int dir, const std::string& name, std::string_view bytes, mode_t mode,
              const std::string& what) {
  const std::string temp = name + ".t";
  ::unlinkat(dir, temp.c_str(), 0);
  int fd = ::openat(dir, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) throw_errno("create " + what);
  sys::Fd held(fd);
  try {
    if (::fchmod(fd, mode) != 0) throw_errno("change the mode of " + what);
    sys::write_all(fd, bytes, "write " + what);
    held.close();
    if (::renameat(dir, temp.c_str(), dir, name.c_str()) != 0) throw_errno("rename " + what);
  } catch (...) {
    ::unlinkat(dir, temp.c_str(), 0);
    throw;
  }
}

void remove_at(int dir, const std::string& name, const std::string& what) {
  if (::unlinkat(dir, name.c_str(), 0) != 0 && errno != ENOENT) throw_errno("remove " + what);
}

// "1" + "applied", or "0" + the error.
std::string encode_outcome(const QueueOutcome& o) { return o.applied ? "1" : "0" + o.error; }
QueueOutcome decode_outcome(const std::string& s) {
  if (s == "1") return {true, ""};
  if (!s.empty() && s[0] == '0') return {false, s.substr(1)};
  return {false, "malformed outcome of a queued change"};
}

// Time order first (nanoseconds, fixed width), then who and which.
std::string new_id() {
  static std::atomic<unsigned long> counter{0};
  struct timespec ts;
  ::clock_gettime(CLOCK_REALTIME, &ts);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%010lld%09ld-%d-%lu", static_cast<long long>(ts.tv_sec),
                static_cast<long>(ts.tv_nsec), static_cast<int>(::getpid()), ++counter);
  return buf;
}

fmt::Record existing(const TableSnapshot& current, const TableChange& change,
                     const std::string& name) {
  if (const std::optional<std::string>* pending = change.changed(name)) {
    if (!*pending) throw Error(ErrorClass::permanent, "account '" + name + "' does not exist");
    return fmt::decode_record(**pending);  // bytes this process encoded
  }
  fmt::Record r;
  std::string problem;
  switch (current.find(name, r, &problem)) {
    case Lookup::found: return r;
    case Lookup::missing: throw Error(ErrorClass::permanent, "account '" + name + "' does not exist");
    case Lookup::bad_record: break;
  }
  throw Error(ErrorClass::permanent, problem);
}

}  // namespace

void apply_edits(const TableSnapshot& current, TableChange& change, const Edits& edits) {
  std::vector<std::pair<std::string, fmt::Record>> staged;
  for (const auto& entry : edits) {
    // A named variable, not a structured binding: clang 14 (the fuzz build)
    // cannot capture a binding in a lambda.
    const std::string& name = entry.first;
    auto same = std::find_if(staged.begin(), staged.end(), [&](const auto& s) { return s.first == name; });
    if (same == staged.end()) {
      staged.emplace_back(name, existing(current, change, name));
      same = staged.end() - 1;
    }
    entry.second.apply(same->second);
  }
  for (const auto& [name, record] : staged) change.put(name, record);
}

sys::Fd ChangeQueue::open_dir(bool create) {
  bool made = false;
  if (create) {
    made = ::mkdir(dir_.c_str(), 0700) == 0;
    if (!made && errno != EEXIST) throw_errno("create " + dir_);
  }
  int fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0 && made && ::geteuid() == 0) {
    // Made by root (a tool run as root for the domain): the directory is
    // the table owner's all the same, else the base user could not queue.
    const std::string parent = dir_.substr(0, dir_.find_last_of('/') + 1) + ".";
    struct stat st;
    if (::stat(parent.c_str(), &st) != 0 || ::fchown(fd, st.st_uid, st.st_gid) != 0) {
      const int err = errno;
      ::close(fd);
      throw errno_error("give " + dir_ + " to the owner of its directory", err);
    }
  }
  if (fd < 0) {
    // None yet; or another owner's, whose changes that owner commits.
    if (!create && (errno == ENOENT || errno == EACCES)) return sys::Fd();
    throw_errno("open " + dir_);
  }
  return sys::Fd(fd);
}

std::string ChangeQueue::submit(const Edits& edits) {
  sys::Fd dir = open_dir(true);
  const std::string id = new_id();
  write_at(dir.get(), id, encode_edits(edits), 0600, dir_ + "/" + id);
  return id;
}

std::optional<QueueOutcome> ChangeQueue::take_outcome(const std::string& id) {
  sys::Fd dir = open_dir(false);
  if (!dir.valid()) return std::nullopt;
  const std::string result = id + ".r";
  std::optional<std::string> text = read_at(dir.get(), result, kMaxOutcome, dir_ + "/" + result);
  if (!text) return std::nullopt;
  // The claim first: once it is gone nobody can apply the change again.
  remove_at(dir.get(), id + ".c", dir_ + "/" + id + ".c");
  remove_at(dir.get(), result, dir_ + "/" + result);
  return decode_outcome(*text);
}

bool ChangeQueue::withdraw(const std::string& id) {
  sys::Fd dir = open_dir(false);
  if (!dir.valid()) return false;
  if (::unlinkat(dir.get(), id.c_str(), 0) == 0) return true;
  if (errno == ENOENT) return false;
  throw_errno("remove " + dir_ + "/" + id);
}

bool ChangeQueue::known(const std::string& id) {
  sys::Fd dir = open_dir(false);
  if (!dir.valid()) return false;
  struct stat st;
  for (const std::string& name : {id, id + ".c"}) {
    if (::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) return true;
    if (errno != ENOENT) throw_errno("look at " + dir_ + "/" + name);
  }
  return false;
}

ChangeQueue::Batch ChangeQueue::claim() {
  Batch batch;
  batch.dir_ = open_dir(false);
  if (!batch.dir_.valid()) return batch;
  const int dir = batch.dir_.get();

  std::vector<std::string> waiting, claimed, outcomes, temps;
  for (sys::DirEntry& e : sys::dir_entries_at(dir, dir_)) {
    std::string& name = e.name;
    if (ends_with(name, ".t")) temps.push_back(std::move(name));
    else if (ends_with(name, ".r")) outcomes.push_back(std::move(name));
    else if (ends_with(name, ".c")) claimed.push_back(name.substr(0, name.size() - 2));
    else if (name.find('.') == std::string::npos) waiting.push_back(std::move(name));
  }
  // Claims with an outcome are done (the requester died before cleaning up).
  std::sort(outcomes.begin(), outcomes.end());
  std::erase_if(claimed, [&](const std::string& id) {
    if (!std::binary_search(outcomes.begin(), outcomes.end(), id + ".r")) return false;
    ::unlinkat(dir, (id + ".c").c_str(), 0);
    return true;
  });
  const std::time_t now = std::time(nullptr);
  for (const std::vector<std::string>* group : {&temps, &outcomes}) {
    for (const std::string& name : *group) {
      struct stat st;
      if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          now - st.st_mtime > kStaleSeconds)
        ::unlinkat(dir, name.c_str(), 0);
    }
  }

  std::sort(claimed.begin(), claimed.end());
  std::sort(waiting.begin(), waiting.end());
  auto load = [&](const std::string& id, bool own) {
    const std::string name = id + ".c";
    std::optional<std::string> bytes =
        read_at(dir, name, kMaxChange, dir_ + "/" + name, /*allow_denied=*/true);
    if (!bytes) {
      if (own) ::renameat(dir, name.c_str(), dir, id.c_str());  // not ours to apply: waits again
      return;
    }
    Item item{id, {}, {}, own};
    try {
      item.edits = decode_edits(*bytes);
    } catch (const Error& e) {
      item.outcome.error = e.what();
    }
    batch.items_.push_back(std::move(item));
  };
  for (const std::string& id : claimed) load(id, false);
  for (const std::string& id : waiting) {
    if (::renameat(dir, id.c_str(), dir, (id + ".c").c_str()) != 0) {
      if (errno == ENOENT) continue;  // taken back by its requester meanwhile
      throw_errno("claim " + dir_ + "/" + id);
    }
    load(id, true);
  }
  return batch;
}

ChangeQueue::Batch::~Batch() {
  if (finished_ || !dir_.valid()) return;
  for (const Item& item : items_)
    if (item.own_claim) ::renameat(dir_.get(), (item.id + ".c").c_str(), dir_.get(), item.id.c_str());
}

void ChangeQueue::Batch::finish() {
  finished_ = true;
  for (const Item& item : items_) {
    try {
      // Readable by every requester of this table (root's too): the
      // directory alone guards it, and it holds no secret.
      write_at(dir_.get(), item.id + ".r", encode_outcome(item.outcome), 0644, item.id + ".r");
      ::unlinkat(dir_.get(), (item.id + ".c").c_str(), 0);
    } catch (const Error&) {
      // Left claimed: the next writer applies it again and reports it.
    }
  }
}

}  // namespace vmm::store
