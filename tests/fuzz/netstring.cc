// libFuzzer target: netstrings (fmt/netstring) and the socketmap server
// loop (lookup/socketmap) on hostile input. The first byte sets the size of
// the pieces the rest arrives in; the result must not depend on it, every
// reply must be one netstring of at most 100000 bytes, and nothing is
// answered after a framing error.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "fmt/netstring.h"
#include "fuzz_input.h"
#include "lookup/socketmap.h"

namespace {

using namespace vmm;

struct Pieces : lookup::Connection {
  std::string_view in;
  std::size_t piece;
  std::string out;
  lookup::ConnectionRead read(std::string& got, std::size_t max) override {
    if (in.empty()) return lookup::ConnectionRead::closed;
    std::size_t n = std::min({piece, max, in.size()});
    got.append(in.substr(0, n));
    in.remove_prefix(n);
    return lookup::ConnectionRead::data;
  }
  lookup::ConnectionWrite write(std::string_view bytes) override {
    out.append(bytes);
    return lookup::ConnectionWrite::done;
  }
};

// Every payload taken out of in, and the final status.
fmt::NetstringStatus take_all(std::string_view in, std::size_t piece, std::vector<std::string>& got) {
  fmt::NetstringReader r(lookup::kSocketmapMax);
  std::string payload;
  fmt::NetstringStatus s = fmt::NetstringStatus::need_more;
  for (std::size_t i = 0; i < in.size(); i += piece) {
    r.feed(in.substr(i, piece));
    while ((s = r.next(payload)) == fmt::NetstringStatus::complete) {
      FUZZ_CHECK(payload.size() <= lookup::kSocketmapMax);
      got.push_back(payload);
    }
    if (s != fmt::NetstringStatus::need_more) break;
  }
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = fuzz::as_view(data, size);
  if (in.empty()) return 0;
  const std::size_t piece = static_cast<unsigned char>(in[0]) % 64 + 1;
  in.remove_prefix(1);

  std::vector<std::string> whole, pieces;
  const fmt::NetstringStatus a = take_all(in, in.size() + 1, whole);
  const fmt::NetstringStatus b = take_all(in, piece, pieces);
  FUZZ_CHECK(a == b);
  FUZZ_CHECK(whole == pieces);
  std::string again;
  for (const std::string& p : whole) again += fmt::netstring(p);
  FUZZ_CHECK(in.substr(0, again.size()) == again);  // the payloads are the input, in order

  Pieces conn;
  conn.in = in;
  conn.piece = piece;
  lookup::serve_socketmap(conn, {{"virtual", [](std::string_view key) {
                                     return lookup::SocketmapReply{lookup::SocketmapReply::Kind::ok,
                                                                   std::string(key)};
                                   }}});
  // The replies: netstrings, one per request (plus the PERM of a too-long one).
  std::vector<std::string> replies;
  FUZZ_CHECK(take_all(conn.out, conn.out.size() + 1, replies) == fmt::NetstringStatus::need_more);
  std::size_t expected = whole.size() + (a == fmt::NetstringStatus::too_long ? 1 : 0);
  FUZZ_CHECK(replies.size() == expected);
  for (const std::string& r : replies) FUZZ_CHECK(r.size() <= lookup::kSocketmapMax);
  return 0;
}
