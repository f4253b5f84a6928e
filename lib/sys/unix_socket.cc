#include "sys/unix_socket.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>

#include "sys/error.h"

namespace vmm::sys {

Fd connect_unix(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path || path.find('\0') != std::string::npos)
    throw Error(ErrorClass::usage, "bad socket path '" + path + "': empty or too long");
  std::memcpy(addr.sun_path, path.data(), path.size());
  // Non-blocking while connecting: a server whose queue is full answers
  // EAGAIN at once instead of holding us.
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd.valid()) throw_errno("make a socket");
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const int e = errno;
    if (e == EAGAIN)
      throw Error(ErrorClass::temporary, "unable to connect to " + path + ": the server is busy", e);
    throw errno_error("connect to " + path, e);
  }
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
    throw_errno("use the socket of " + path);
  return fd;
}

}  // namespace vmm::sys
