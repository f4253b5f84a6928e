#include "store/scratch_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "store/maildir_deliver.h"
#include "sys/error.h"

namespace vmm::store {

namespace {

bool tmpfile_unsupported(int err) { return err == EOPNOTSUPP || err == EISDIR || err == EINVAL; }

}  // namespace

ScratchFile::ScratchFile(const std::string& dir, Kind kind) : what_("a temporary file in " + dir) {
  int fd = -1;
  if (kind == Kind::unnamed) {
    do fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    while (fd < 0 && errno == EINTR);
  }
  if (fd < 0 && (kind == Kind::unlinked || tmpfile_unsupported(errno))) {
    MaildirNames names;
    for (int tries = 0; tries < 16; ++tries) {
      std::string path = dir + "/.vdeliver." + names.next();
      fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (fd >= 0) {
        ::unlink(path.c_str());
        break;
      }
      if (errno != EEXIST && errno != EINTR) break;
    }
  }
  if (fd < 0) throw_errno("create " + what_);
  fd_ = sys::Fd(fd);
}

void ScratchFile::write(std::string_view bytes) {
  sys::write_all(fd_.get(), bytes, what_);
  size_ += bytes.size();
}

}  // namespace vmm::store
