#include "lookup/virtual_map.h"

#include <optional>

#include "lookup/address.h"
#include "sys/error.h"

namespace vmm::lookup {

SocketmapReply virtual_map_reply(std::string_view key, const domain::Config& global,
                                 const domain::UserDb& users, LookupSystem& sys,
                                 const std::function<void(const std::string&)>& warn) {
  using Kind = SocketmapReply::Kind;
  try {
    std::optional<std::string> target = mapping_target(look_up_address(key, global, users, sys));
    if (target) return {Kind::ok, *target};
    return {Kind::notfound, ""};
  } catch (const Error& e) {
    std::string shown(key);
    for (char& c : shown)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    warn("unable to look up " + shown + ": " + e.what());
    return {Kind::temp, e.what()};
  }
}

}  // namespace vmm::lookup
