// Writing new files on a thread of their own while the caller creates the
// next ones (vimport's Maildir fill, SPEC §19). Creating a file holds its
// directory's lock in the kernel, so creations in one directory cannot
// overlap; writing the bytes, setting the times and closing can, and they
// are about as much work again. The caller creates each file and hands it
// over here with its bytes; one thread writes, times and closes them, in
// batches, so the two share the machine's cores. See README, figure 7.
//
// Nothing here is made durable: the caller syncs the file system after
// finish(). A file that fails is removed (unlinkat in its directory), and
// so is every file handed over after it; the first error is thrown again
// by the next hand_over() or by finish().
#pragma once
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <time.h>

#include "sys/fd.h"

namespace vmm::store {

// Writes bytes into the new file fd (path names it in errors), sets its
// access and modification time to time (UTIME_NOW in tv_nsec: now) and
// closes it; throws errno_error("write PATH", "set the time of PATH"...).
// The one way a filled message file is finished, here or on the thread.
void write_timed(sys::Fd& fd, std::string_view bytes, const struct timespec& time, const std::string& path);

class WriteBehind {
 public:
  // dir: the open directory the files are created in (names are relative
  // to it); dir_path: its path, for the error messages. Starts the thread.
  WriteBehind(int dir, std::string dir_path);
  // Lets the thread write what it holds, then stops it; an error is lost
  // here (call finish() to see it).
  ~WriteBehind();
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;

  // Takes over fd (a new, empty file called name in the directory) and the
  // content of bytes, leaving an earlier file's buffer there (its content
  // unspecified): the thread writes them, sets the file's access and
  // modification time to time and closes it. Waits while too much is queued.
  void hand_over(sys::Fd fd, std::string_view name, std::string& bytes, const struct timespec& time);

  // Waits until every file handed over is written and closed; throws the
  // first error. The thread has stopped when it returns.
  void finish();

 private:
  struct Slot {
    sys::Fd fd;
    std::string name, bytes;
    struct timespec time{};
  };

  void run();
  void write_one(Slot& s);
  void stop();

  int dir_;
  std::string dir_path_;
  std::vector<Slot> slots_;  // a ring: the thread's from taken_, the caller's from next_
  std::size_t next_ = 0;     // the slot the next hand_over fills
  std::size_t taken_ = 0;    // the oldest slot the thread has not released
  std::size_t used_ = 0, used_bytes_ = 0;        // slots not released, their bytes
  std::size_t pending_ = 0, pending_bytes_ = 0;  // of those, not yet taken by the thread
  bool closing_ = false;
  bool writer_waiting_ = false, caller_waiting_ = false;
  std::exception_ptr error_;  // set by the thread only, under the lock
  bool failed_ = false;       // the thread's own copy of "error_ is set": read without the lock
  std::mutex mutex_;
  std::condition_variable work_, room_;
  std::thread thread_;
};

}  // namespace vmm::store
