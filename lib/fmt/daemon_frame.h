// The frames of VMailMgr's daemon protocol, version 2 (SPEC §15), kept
// byte for byte so VMailMgr's clients (its PHP vmail.inc, its Python
// module, CGIs) talk to vmailmgrd unchanged. All integers are unsigned and
// big-endian.
//   request:  0x02, u16 length of the rest, u8 argc, u16 + command name,
//             argc x (u16 + bytes)
//   reply:    u8 code (0 OK, 1 BAD, 2 ERROR), u16 length, message
// A connection carries one request; the server answers with one or more
// reply frames and closes it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vmm::fmt {

inline constexpr unsigned char kDaemonProtocol = 2;
inline constexpr std::size_t kDaemonHeaderBytes = 3;       // version + u16 length
inline constexpr std::size_t kDaemonMaxPayload = 0xffff;  // what a u16 length can say
inline constexpr std::size_t kDaemonMaxMessage = 0xffff;
inline constexpr std::size_t kDaemonMaxArgs = 0xff;

struct DaemonRequest {
  std::string command;
  std::vector<std::string> args;
  bool operator==(const DaemonRequest&) const = default;
};

enum class DaemonCode : unsigned char { ok = 0, bad = 1, error = 2 };

struct DaemonReply {
  DaemonCode code = DaemonCode::ok;
  std::string message;
  bool operator==(const DaemonReply&) const = default;
};

// The whole request frame. More than 255 arguments, a string over 65535
// bytes or a frame whose rest is over 65535 bytes cannot be said:
// Error(usage, ...).
std::string encode_daemon_request(const DaemonRequest& request);

// The length the 3-byte header announces, or nullopt when the first byte is
// not protocol version 2. header must hold kDaemonHeaderBytes bytes.
std::optional<std::size_t> daemon_payload_length(std::string_view header);

// The rest of a request frame (after the header), exactly as many bytes as
// the header said: argc, the command name, argc strings, nothing left over.
// Anything else is Error(usage, <what is wrong>): a length running past the
// end, bytes left over, an empty command name.
DaemonRequest decode_daemon_payload(std::string_view payload);

// One reply frame. A message over 65535 bytes cannot be sent:
// Error(permanent, "reply too long ...").
std::string encode_daemon_reply(const DaemonReply& reply);

// The client side: takes reply frames off the front of bytes. nullopt when
// bytes does not start with a whole frame; an unknown code is
// Error(usage, ...).
std::optional<DaemonReply> take_daemon_reply(std::string_view& bytes);

}  // namespace vmm::fmt
