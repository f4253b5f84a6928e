// cdbtool: drives our CDB reader and writer the way tinycdb's cdb(1) does,
// so the peer tests can compare the two byte for byte.
//   cdbtool make FILE      cdbmake input on stdin (+klen,dlen:key->data\n ... \n)
//   cdbtool dump FILE      every record in `cdb -d` format
//   cdbtool get FILE KEY   first data for KEY, raw; exit 100 when missing
// Errors: exit 111 with a message on stderr.
#include <fcntl.h>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "fmt/cdb_read.h"
#include "fmt/cdb_write.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace {

using vmm::Error;
using vmm::ErrorClass;

constexpr std::size_t kMaxInput = std::size_t{1} << 30;

// Reads the cdbmake format from in, adding each record to w.
class Parser {
 public:
  explicit Parser(std::string_view in) : in_(in) {}

  void run(vmm::fmt::CdbWriter& w) {
    for (;;) {
      if (take() == '\n') return;  // the empty line ends the input
      --at_;
      expect('+');
      std::uint32_t klen = number(',');
      std::uint32_t dlen = number(':');
      std::string_view key = bytes(klen);
      expect('-');
      expect('>');
      std::string_view data = bytes(dlen);
      expect('\n');
      w.add(key, data);
    }
  }

 private:
  [[noreturn]] void bad() {
    throw Error(ErrorClass::usage, "bad input format at byte " + std::to_string(at_));
  }
  char take() {
    if (at_ >= in_.size()) bad();
    return in_[at_++];
  }
  void expect(char c) {
    if (take() != c) bad();
  }
  std::uint32_t number(char end) {
    std::uint64_t n = 0;
    char c = take();
    if (c < '0' || c > '9') bad();
    for (; c >= '0' && c <= '9'; c = take()) {
      n = n * 10 + static_cast<std::uint64_t>(c - '0');
      if (n > 0xFFFFFFFF) bad();
    }
    if (c != end) bad();
    return static_cast<std::uint32_t>(n);
  }
  std::string_view bytes(std::uint32_t n) {
    if (in_.size() - at_ < n) bad();
    at_ += n;
    return in_.substr(at_ - n, n);
  }

  std::string_view in_;
  std::size_t at_ = 0;
};

int make(const std::string& file) {
  std::string input = vmm::sys::read_bounded(0, kMaxInput, "standard input");
  vmm::fmt::StringSink sink;
  vmm::fmt::CdbWriter w(sink);
  Parser(input).run(w);
  w.finish();
  vmm::sys::Fd fd = vmm::sys::open_file(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  vmm::sys::write_all(fd.get(), sink.bytes, file);
  fd.close();
  return 0;
}

int dump(const std::string& file) {
  vmm::sys::MappedFile m(file);
  vmm::fmt::CdbReader r(m.bytes(), file);
  std::string out;
  r.for_each([&](std::string_view key, std::string_view data) {
    out += '+' + std::to_string(key.size()) + ',' + std::to_string(data.size()) + ':';
    out.append(key).append("->").append(data).append("\n");
    if (out.size() >= 65536) {
      vmm::sys::write_all(1, out, "standard output");
      out.clear();
    }
    return true;
  });
  out += '\n';
  vmm::sys::write_all(1, out, "standard output");
  return 0;
}

int get(const std::string& file, const std::string& key) {
  vmm::sys::MappedFile m(file);
  vmm::fmt::CdbReader r(m.bytes(), file);
  auto data = r.find(key);
  if (!data) return 100;
  vmm::sys::write_all(1, *data, "standard output");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "make" && argc == 3) return make(argv[2]);
    if (cmd == "dump" && argc == 3) return dump(argv[2]);
    if (cmd == "get" && argc == 4) return get(argv[2], argv[3]);
    std::fputs("cdbtool: usage: cdbtool make FILE | dump FILE | get FILE KEY\n", stderr);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cdbtool: fatal: %s\n", e.what());
  }
  return 111;
}
