#include "lookup/socketmap.h"

#include <algorithm>
#include <exception>

#include "fmt/netstring.h"

namespace vmm::lookup {
namespace {

using Kind = SocketmapReply::Kind;

std::string printable(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

SocketmapReply reply_to(std::string_view payload, const std::vector<SocketmapMap>& maps) {
  std::optional<SocketmapRequest> request = parse_socketmap_request(payload);
  if (!request) return {Kind::perm, "malformed request: no \"NAME KEY\""};
  auto map = std::find_if(maps.begin(), maps.end(),
                          [&](const SocketmapMap& m) { return m.name == request->name; });
  if (map == maps.end()) {
    std::string names;
    for (const SocketmapMap& m : maps) names += (names.empty() ? "" : ", ") + m.name;
    return {Kind::perm, "no such map here; this server answers " + names};
  }
  try {
    return map->answer(request->key);
  } catch (const std::exception& e) {
    return {Kind::temp, e.what()};
  }
}

}  // namespace

std::optional<SocketmapRequest> parse_socketmap_request(std::string_view payload) {
  const std::size_t space = payload.find(' ');
  if (space == std::string_view::npos || space == 0) return std::nullopt;
  return SocketmapRequest{std::string(payload.substr(0, space)),
                          std::string(payload.substr(space + 1))};
}

std::string socketmap_reply_text(const SocketmapReply& reply) {
  std::string text;
  switch (reply.kind) {
    case Kind::ok: text = "OK " + reply.text; break;
    case Kind::notfound: text = "NOTFOUND "; break;
    case Kind::temp: text = "TEMP " + printable(reply.text); break;
    case Kind::perm: text = "PERM " + printable(reply.text); break;
  }
  if (text.size() > kSocketmapMax) text = "PERM reply too long";
  return text;
}

SessionEnd serve_socketmap(Connection& conn, const std::vector<SocketmapMap>& maps) {
  fmt::NetstringReader reader(kSocketmapMax);
  std::string input, payload;
  for (;;) {
    // Every request already here is answered before more is read.
    for (;;) {
      const fmt::NetstringStatus status = reader.next(payload);
      if (status == fmt::NetstringStatus::need_more) break;
      if (status == fmt::NetstringStatus::malformed) return SessionEnd::malformed;
      SocketmapReply reply =
          status == fmt::NetstringStatus::too_long
              ? SocketmapReply{Kind::perm, "request longer than " + std::to_string(kSocketmapMax) + " bytes"}
              : reply_to(payload, maps);
      if (conn.write(fmt::netstring(socketmap_reply_text(reply))) == ConnectionWrite::timeout)
        return SessionEnd::stalled;
      if (status == fmt::NetstringStatus::too_long) return SessionEnd::too_long;
    }
    input.clear();
    switch (conn.read(input, 65536)) {
      case ConnectionRead::data: reader.feed(input); break;
      case ConnectionRead::closed: return SessionEnd::closed;
      case ConnectionRead::timeout: return SessionEnd::idle;
    }
  }
}

}  // namespace vmm::lookup
