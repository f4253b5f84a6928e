// The Postfix socketmap protocol, server side (Postfix's socketmap_table(5)):
// each request is one netstring "NAME KEY", each reply one netstring "OK
// VALUE", "NOTFOUND ", "TEMP REASON" or "PERM REASON"; a client sends many
// requests on one connection, one at a time or several at once.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lookup/connection.h"

namespace vmm::lookup {

// Postfix's own bound on a reply, used for requests too.
inline constexpr std::size_t kSocketmapMax = 100000;

struct SocketmapReply {
  enum class Kind { ok, notfound, temp, perm } kind = Kind::notfound;
  std::string text;  // the value (ok) or the reason (temp, perm)
  bool operator==(const SocketmapReply&) const = default;
};

struct SocketmapRequest {
  std::string name, key;
  bool operator==(const SocketmapRequest&) const = default;
};

// "NAME KEY": split at the first space (the key may hold spaces and be
// empty). nullopt without a space or with an empty name.
std::optional<SocketmapRequest> parse_socketmap_request(std::string_view payload);

// The reply's payload ("OK joe", "NOTFOUND ", "TEMP why"). A reply longer
// than kSocketmapMax (Postfix would refuse it) becomes "PERM reply too long".
// Control bytes in a reason become '?'.
std::string socketmap_reply_text(const SocketmapReply& reply);

enum class SessionEnd {
  closed,     // the client closed the connection
  idle,       // the client stayed idle too long (the connection's bound)
  malformed,  // a request that is not a netstring: the connection is dropped
  too_long,   // a request over kSocketmapMax: "PERM" is sent, then the drop
  stalled,    // a reply could not be sent in time
};

// A map a server answers: requests "NAME KEY" for this name get answer(KEY).
// answer should not throw; if it does, the reply is "TEMP" with the error's
// message and the session goes on.
struct SocketmapMap {
  std::string name;
  std::function<SocketmapReply(std::string_view key)> answer;
};

// Answers the requests on conn until the session ends: a request for one of
// maps by its answer, one for any other map by PERM, a request without a
// space by PERM.
SessionEnd serve_socketmap(Connection& conn, const std::vector<SocketmapMap>& maps);

}  // namespace vmm::lookup
