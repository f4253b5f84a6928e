// One client's byte stream as a lookup server sees it, with a bound on how
// long the client may keep it idle: an interface, so the protocol loop
// (socketmap) can be tested with scripted pieces of input.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace vmm::lookup {

enum class ConnectionRead {
  data,     // bytes were appended
  closed,   // the client closed its end (end of file)
  timeout,  // the client stayed idle too long
};

enum class ConnectionWrite { done, timeout };

// The idle bound of a command line: whole seconds from 1 to 86400, else
// Error(usage, "bad timeout 'TEXT': ...").
std::chrono::seconds parse_idle_timeout(std::string_view text);

class Connection {
 public:
  virtual ~Connection() = default;
  // Appends what arrives, at most max bytes, to out. I/O errors throw.
  virtual ConnectionRead read(std::string& out, std::size_t max) = 0;
  // Sends all of bytes (one reply). I/O errors throw.
  virtual ConnectionWrite write(std::string_view bytes) = 0;
};

// A pair of descriptors (stdin and stdout under tcpserver or unixserver).
// The client has `idle` from the start, and from the end of each reply, to
// send its next whole request: reads wait only as long as is left of it
// (a client dribbling one byte at a time cannot hold the server longer).
// A reply that cannot be written within `idle` is a timeout too.
class FdConnection final : public Connection {
 public:
  FdConnection(int in, int out, std::chrono::milliseconds idle);
  ConnectionRead read(std::string& out, std::size_t max) override;
  ConnectionWrite write(std::string_view bytes) override;

 private:
  std::chrono::milliseconds left() const;

  int in_, out_;
  std::chrono::milliseconds idle_;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace vmm::lookup
