#include "sys/error.h"

#include <cerrno>
#include <cstring>

namespace vmm {

ErrorClass errno_class(int err) {
  switch (err) {
    case ENOSPC: case EIO: case EAGAIN: case EINTR: case ENOMEM:
    case EMFILE: case ENFILE: case ETXTBSY: case EBUSY: case ETIMEDOUT:
    case EDQUOT: case ENOBUFS: case ENOLCK: case EDEADLK: case ESTALE:
      return ErrorClass::temporary;
    default:
      return ErrorClass::permanent;
  }
}

Error errno_error(const std::string& action, int err) {
  return Error(errno_class(err), "unable to " + action + ": " + std::strerror(err), err);
}

void throw_errno(const std::string& action) { throw errno_error(action, errno); }

}  // namespace vmm
