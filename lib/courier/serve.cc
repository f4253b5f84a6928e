#include "courier/serve.h"

#include "domain/password.h"
#include "sys/fd.h"
#include "sys/fd_wait.h"

#include <vector>

namespace vmm::courier {
namespace {

constexpr std::size_t kReadChunk = 65536;

}  // namespace

void serve_authpipe(int in, int out, const Answer& answer) {
  fmt::AuthpipeReader reader;
  std::string chunk;
  chunk.reserve(kReadChunk);  // read_some appends: no reallocation, no stray copy
  struct Wipe {
    std::string& s;
    ~Wipe() { domain::wipe(s); }
  } wipe{chunk};
  for (;;) {
    if (sys::read_some(in, chunk, kReadChunk, "standard input") == 0) return;
    std::vector<fmt::AuthpipeRequest> requests = reader.feed(chunk);
    domain::wipe(chunk);  // keeps the capacity
    for (const fmt::AuthpipeRequest& r : requests) sys::write_all(out, answer(r), "standard output");
  }
}

}  // namespace vmm::courier
