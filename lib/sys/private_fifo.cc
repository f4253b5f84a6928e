#include "sys/private_fifo.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "sys/error.h"
#include "sys/fd_wait.h"

namespace vmm::sys {

PrivateFifo make_private_fifo(const std::string& parent, const std::string& prefix) {
  std::string pattern = parent + "/" + prefix + ".XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) throw_errno("make a directory in " + parent);
  PrivateFifo fifo;
  fifo.dir = buf.data();
  fifo.path = fifo.dir + "/requests";
  try {
    if (::mkfifo(fifo.path.c_str(), 0600) != 0) throw_errno("make the FIFO " + fifo.path);
    fifo.fd = open_file(fifo.path, O_RDONLY | O_NONBLOCK);
  } catch (...) {
    remove_names(fifo);
    throw;
  }
  return fifo;
}

bool await_writer(PrivateFifo& fifo, std::chrono::milliseconds timeout) {
  FdWait ready = FdWait::timeout;
  try {
    ready = wait_readable(fifo.fd.get(), timeout, fifo.path);
  } catch (...) {
    remove_names(fifo);
    throw;
  }
  remove_names(fifo);
  if (ready == FdWait::timeout) return false;
  int flags = ::fcntl(fifo.fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fifo.fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
    throw_errno("make the FIFO blocking");
  return true;
}

void remove_names(PrivateFifo& fifo) noexcept {
  if (!fifo.path.empty()) ::unlink(fifo.path.c_str());
  if (!fifo.dir.empty()) ::rmdir(fifo.dir.c_str());
  fifo.path.clear();
  fifo.dir.clear();
}

}  // namespace vmm::sys
