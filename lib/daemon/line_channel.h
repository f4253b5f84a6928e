// A conversation in lines (vpoppassd's poppassd dialogue): each line
// bounded in length, each waited for at most a given time.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace vmm::daemon {

enum class LineRead {
  line,      // a whole line, without its LF or CR LF
  closed,    // end of file (a last line without LF is dropped)
  timeout,   // nothing whole within the idle time
  too_long,  // more than the bound without a LF: the conversation is over
};

class LineChannel {
 public:
  virtual ~LineChannel() = default;
  virtual LineRead read_line(std::string& line) = 0;
  // Sends text + CR LF. A client that does not take it in time, or is
  // gone, is an Error (temporary).
  virtual void write_line(std::string_view text) = 0;
};

// Descriptors (stdin and stdout under tcpserver). Lines hold passwords:
// what is buffered is wiped when the channel goes.
class FdLineChannel final : public LineChannel {
 public:
  FdLineChannel(int in, int out, std::chrono::milliseconds idle, std::size_t max_line);
  ~FdLineChannel() override;
  FdLineChannel(const FdLineChannel&) = delete;
  FdLineChannel& operator=(const FdLineChannel&) = delete;
  LineRead read_line(std::string& line) override;
  void write_line(std::string_view text) override;

 private:
  int in_, out_;
  std::chrono::milliseconds idle_;
  std::size_t max_;
  std::string buf_;
};

}  // namespace vmm::daemon
