// mkrecords: writes a table holding exactly the given records, as raw bytes,
// so tests can hand-build version-1, legacy or broken records that no tool
// of ours would write.
//   mkrecords FILE KEY DATA [KEY DATA]...
// KEY and DATA are written as `cdb -d` shows them: bytes as themselves,
// "\xHH" for any byte, "\\" for a backslash. FILE is replaced (mode 0600).
// Errors: exit 111 with a message on stderr; bad arguments: exit 2.
#include <fcntl.h>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "fmt/cdb_write.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string unescape(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\\') {
      out += in[i];
      continue;
    }
    if (i + 1 < in.size() && in[i + 1] == '\\') {
      out += '\\';
      ++i;
      continue;
    }
    int hi = i + 3 < in.size() && in[i + 1] == 'x' ? hex_digit(in[i + 2]) : -1;
    int lo = hi >= 0 ? hex_digit(in[i + 3]) : -1;
    if (lo < 0)
      throw vmm::Error(vmm::ErrorClass::usage,
                       "bad escape at byte " + std::to_string(i) + " of '" + std::string(in) + "'");
    out += static_cast<char>(hi * 16 + lo);
    i += 3;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc % 2 != 0) {
    std::fputs("mkrecords: usage: mkrecords FILE KEY DATA [KEY DATA]...\n", stderr);
    return 2;
  }
  try {
    vmm::fmt::StringSink sink;
    vmm::fmt::CdbWriter writer(sink);
    for (int i = 2; i + 1 < argc; i += 2) writer.add(unescape(argv[i]), unescape(argv[i + 1]));
    writer.finish();
    const std::string file = argv[1];
    vmm::sys::Fd fd = vmm::sys::open_file(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    vmm::sys::write_all(fd.get(), sink.bytes, file);
    fd.close();
    return 0;
  } catch (const vmm::Error& e) {
    std::fprintf(stderr, "mkrecords: fatal: %s\n", e.what());
    return e.cls() == vmm::ErrorClass::usage ? 2 : 111;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mkrecords: fatal: %s\n", e.what());
    return 111;
  }
}
