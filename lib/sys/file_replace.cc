#include "sys/file_replace.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "sys/error.h"

namespace vmm::sys {

FileReplacement::FileReplacement(std::string path, std::string temp, mode_t mode)
    : path_(std::move(path)), temp_(std::move(temp)) {
  ::unlink(temp_.c_str());
  fd_ = open_file(temp_, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  if (::fchmod(fd_.get(), mode) != 0) {
    int err = errno;
    ::unlink(temp_.c_str());
    throw errno_error("change the mode of " + temp_, err);
  }
}

FileReplacement::~FileReplacement() {
  if (!done_) ::unlink(temp_.c_str());
}

void FileReplacement::commit(Sync sync) {
  if (sync == Sync::file) fsync_fd(fd_.get(), temp_);
  fd_.close();
  if (::rename(temp_.c_str(), path_.c_str()) != 0) throw_errno("rename " + temp_ + " to " + path_);
  done_ = true;
}

std::string temp_beside(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

void keep_copy(const std::string& path, const std::string& copy) {
  const std::string temp = temp_beside(copy);
  ::unlink(temp.c_str());
  if (::link(path.c_str(), temp.c_str()) != 0) throw_errno("link " + path + " to " + temp);
  if (::rename(temp.c_str(), copy.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    throw errno_error("rename " + temp + " to " + copy, err);
  }
}

}  // namespace vmm::sys
