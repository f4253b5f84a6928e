// A client's connection to a local (AF_UNIX) stream socket, such as the one
// unixserver listens on.
#pragma once
#include <string>

#include "sys/fd.h"

namespace vmm::sys {

// Connects to the socket at path. Failures are errno_error("connect to
// PATH") (classed by errno), "the server is busy" (temporary) when its queue
// of connections is full, and a usage error for a path too long for a socket
// address. The descriptor blocks.
Fd connect_unix(const std::string& path);

}  // namespace vmm::sys
