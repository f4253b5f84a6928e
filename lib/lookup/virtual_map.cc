#include "lookup/virtual_map.h"

#include <optional>

#include "lookup/address.h"
#include "sys/error.h"

namespace vmm::lookup {

namespace {

using Kind = SocketmapReply::Kind;

// reply(answer) for the key's answer; a failure is TEMP, and warned about.
SocketmapReply answer_key(std::string_view key, const domain::Config& global,
                          const domain::UserDb& users, LookupSystem& sys,
                          const std::function<void(const std::string&)>& warn,
                          const std::function<SocketmapReply(const AddressAnswer&)>& reply) {
  try {
    return reply(look_up_address(key, global, users, sys));
  } catch (const Error& e) {
    std::string shown(key);
    for (char& c : shown)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    warn("unable to look up " + shown + ": " + e.what());
    return {Kind::temp, e.what()};
  }
}

}  // namespace

SocketmapReply virtual_map_reply(std::string_view key, const domain::Config& global,
                                 const domain::UserDb& users, LookupSystem& sys,
                                 const std::function<void(const std::string&)>& warn) {
  return answer_key(key, global, users, sys, warn, [](const AddressAnswer& answer) {
    std::optional<std::string> target = mapping_target(answer);
    if (target) return SocketmapReply{Kind::ok, *target};
    return SocketmapReply{Kind::notfound, ""};
  });
}

SocketmapReply rcptcheck_map_reply(std::string_view key, const domain::Config& global,
                                   const domain::UserDb& users, LookupSystem& sys,
                                   const std::function<void(const std::string&)>& warn) {
  return answer_key(key, global, users, sys, warn, [](const AddressAnswer& answer) {
    switch (answer.status) {
      case AddressStatus::accepted: return SocketmapReply{Kind::ok, "accepted"};
      case AddressStatus::not_ours: return SocketmapReply{Kind::ok, "not ours"};
      case AddressStatus::unknown: break;
    }
    return SocketmapReply{Kind::notfound, ""};
  });
}

}  // namespace vmm::lookup
