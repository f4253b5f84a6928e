#include "store/write_behind.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/error.h"

namespace vmm::store {
namespace {

constexpr std::size_t kSlots = 128;                 // open files at most
constexpr std::size_t kBatch = 32;                  // files the thread wakes up for
constexpr std::size_t kBatchBytes = 1 << 20;        // ... or bytes
constexpr std::size_t kQueuedBytes = 32 << 20;      // the caller waits above this
constexpr std::size_t kKeptCapacity = 1 << 20;      // larger buffers are let go

}  // namespace

void write_timed(sys::Fd& fd, std::string_view bytes, const struct timespec& time, const std::string& path) {
  sys::write_all(fd.get(), bytes, path);
  const struct timespec times[2] = {time, time};
  if (::futimens(fd.get(), times) != 0) throw_errno("set the time of " + path);
  fd.close();
}

WriteBehind::WriteBehind(int dir, std::string dir_path)
    : dir_(dir), dir_path_(std::move(dir_path)), slots_(kSlots) {
  thread_ = std::thread([this] { run(); });
}

WriteBehind::~WriteBehind() { stop(); }

void WriteBehind::hand_over(sys::Fd fd, std::string_view name, std::string& bytes,
                            const struct timespec& time) {
  std::unique_lock lock(mutex_);
  auto full = [&] {
    return used_ == kSlots || (used_ > 0 && used_bytes_ + bytes.size() > kQueuedBytes);
  };
  while (full() && !error_) {
    caller_waiting_ = true;
    if (writer_waiting_) work_.notify_one();
    room_.wait(lock);
    caller_waiting_ = false;
  }
  if (error_) {
    lock.unlock();
    fd = sys::Fd();
    ::unlinkat(dir_, std::string(name).c_str(), 0);
    std::rethrow_exception(error_);
  }
  Slot& s = slots_[next_];
  next_ = (next_ + 1) % kSlots;
  lock.unlock();
  // The slot is the caller's until it is counted below.
  s.fd = std::move(fd);
  s.name.assign(name);
  s.bytes.swap(bytes);
  s.time = time;
  const std::size_t size = s.bytes.size();
  lock.lock();
  ++used_;
  used_bytes_ += size;
  ++pending_;
  pending_bytes_ += size;
  if (writer_waiting_ && (pending_ >= kBatch || pending_bytes_ >= kBatchBytes)) work_.notify_one();
}

void WriteBehind::finish() {
  stop();
  if (error_) std::rethrow_exception(error_);
}

void WriteBehind::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  work_.notify_one();
  thread_.join();
}

void WriteBehind::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    while (!closing_ && pending_ < kBatch && pending_bytes_ < kBatchBytes && !(caller_waiting_ && pending_ > 0)) {
      writer_waiting_ = true;
      work_.wait(lock);
      writer_waiting_ = false;
    }
    const std::size_t count = pending_;
    if (count == 0 && closing_) return;
    pending_ = 0;
    pending_bytes_ = 0;
    lock.unlock();
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < count; ++i) {
      Slot& s = slots_[(taken_ + i) % kSlots];
      bytes += s.bytes.size();
      write_one(s);
    }
    lock.lock();
    taken_ = (taken_ + count) % kSlots;
    used_ -= count;
    used_bytes_ -= bytes;
    if (caller_waiting_) room_.notify_one();
  }
}

// Runs on the thread, without the lock: the slot is its own until released.
void WriteBehind::write_one(Slot& s) {
  if (!failed_) {
    try {
      write_timed(s.fd, s.bytes, s.time, dir_path_ + "/" + s.name);
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      failed_ = true;
    }
  }
  if (failed_) {
    s.fd = sys::Fd();
    ::unlinkat(dir_, s.name.c_str(), 0);
  }
  if (s.bytes.capacity() > kKeptCapacity) std::string().swap(s.bytes);
}

}  // namespace vmm::store
