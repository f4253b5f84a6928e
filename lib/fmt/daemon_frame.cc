#include "fmt/daemon_frame.h"

#include "sys/error.h"

namespace vmm::fmt {
namespace {

void put_u16(std::string& out, std::size_t n) {
  out += static_cast<char>((n >> 8) & 0xff);
  out += static_cast<char>(n & 0xff);
}

std::size_t get_u16(std::string_view bytes, std::size_t at) {
  return (static_cast<std::size_t>(static_cast<unsigned char>(bytes[at])) << 8) |
         static_cast<unsigned char>(bytes[at + 1]);
}

void put_string(std::string& out, std::string_view s, const char* what) {
  if (s.size() > 0xffff)
    throw Error(ErrorClass::usage, std::string(what) + " is longer than 65535 bytes");
  put_u16(out, s.size());
  out.append(s);
}

// A u16-prefixed string at pos, or Error(usage) naming what ran short.
std::string take_string(std::string_view payload, std::size_t& pos, const std::string& what) {
  if (payload.size() - pos < 2)
    throw Error(ErrorClass::usage, "the length of " + what + " is missing");
  std::size_t n = get_u16(payload, pos);
  pos += 2;
  if (payload.size() - pos < n)
    throw Error(ErrorClass::usage, what + " is cut short: " + std::to_string(n) +
                                       " bytes announced, " + std::to_string(payload.size() - pos) +
                                       " there");
  std::string s(payload.substr(pos, n));
  pos += n;
  return s;
}

}  // namespace

std::string encode_daemon_request(const DaemonRequest& request) {
  if (request.args.size() > kDaemonMaxArgs)
    throw Error(ErrorClass::usage, "more than 255 arguments");
  std::string rest;
  rest += static_cast<char>(request.args.size());
  put_string(rest, request.command, "the command name");
  for (const std::string& a : request.args) put_string(rest, a, "an argument");
  if (rest.size() > kDaemonMaxPayload)
    throw Error(ErrorClass::usage, "the request is longer than 65535 bytes");
  std::string frame;
  frame += static_cast<char>(kDaemonProtocol);
  put_u16(frame, rest.size());
  return frame + rest;
}

std::optional<std::size_t> daemon_payload_length(std::string_view header) {
  if (header.size() < kDaemonHeaderBytes || static_cast<unsigned char>(header[0]) != kDaemonProtocol)
    return std::nullopt;
  return get_u16(header, 1);
}

DaemonRequest decode_daemon_payload(std::string_view payload) {
  if (payload.empty()) throw Error(ErrorClass::usage, "the argument count is missing");
  const std::size_t argc = static_cast<unsigned char>(payload[0]);
  std::size_t pos = 1;
  DaemonRequest r;
  r.command = take_string(payload, pos, "the command name");
  if (r.command.empty()) throw Error(ErrorClass::usage, "the command name is empty");
  r.args.reserve(argc);
  for (std::size_t i = 0; i < argc; ++i)
    r.args.push_back(take_string(payload, pos, "argument " + std::to_string(i + 1)));
  if (pos != payload.size())
    throw Error(ErrorClass::usage, std::to_string(payload.size() - pos) +
                                       " bytes after the last of " + std::to_string(argc) +
                                       " arguments");
  return r;
}

std::string encode_daemon_reply(const DaemonReply& reply) {
  if (reply.message.size() > kDaemonMaxMessage)
    throw Error(ErrorClass::permanent, "reply too long: " + std::to_string(reply.message.size()) +
                                           " bytes, at most 65535 fit in a frame");
  std::string frame;
  frame += static_cast<char>(reply.code);
  put_u16(frame, reply.message.size());
  return frame + reply.message;
}

std::optional<DaemonReply> take_daemon_reply(std::string_view& bytes) {
  if (bytes.size() < 3) return std::nullopt;
  const std::size_t n = get_u16(bytes, 1);
  if (bytes.size() - 3 < n) return std::nullopt;
  const unsigned char code = static_cast<unsigned char>(bytes[0]);
  if (code > 2) throw Error(ErrorClass::usage, "unknown reply code " + std::to_string(code));
  DaemonReply r{static_cast<DaemonCode>(code), std::string(bytes.substr(3, n))};
  bytes.remove_prefix(3 + n);
  return r;
}

}  // namespace vmm::fmt
