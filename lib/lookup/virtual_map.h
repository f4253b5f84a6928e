// The maps vsocketmap serves. The one for Postfix: an address of a virtual domain that
// vdeliver would take mail for is found, with the local address to send it
// to ("BASE+ACCOUNT", see lookup/address); every other key is not found;
// a failure to decide is temporary (Postfix then answers 4xx and retries).
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "domain/base_user.h"
#include "domain/config.h"
#include "lookup/socketmap.h"
#include "lookup/system.h"

namespace vmm::lookup {

// OK BASE+ACCOUNT (accepted and a plain address: mapping_target), NOTFOUND
// (unknown, not ours, or an answer that would need quoting), or TEMP with
// the error's message, which warn also gets ("unable to look up KEY: ...",
// control bytes of the key shown as '?'). Never a field of a record.
SocketmapReply virtual_map_reply(std::string_view key, const domain::Config& global,
                                 const domain::UserDb& users, LookupSystem& sys,
                                 const std::function<void(const std::string&)>& warn);

// The map vrcptcheck asks when it cannot read the tables itself (see
// lookup/rcptcheck): OK "accepted" or "not ours" (qmail-smtpd goes on),
// NOTFOUND (refuse the recipient), TEMP as above.
SocketmapReply rcptcheck_map_reply(std::string_view key, const domain::Config& global,
                                   const domain::UserDb& users, LookupSystem& sys,
                                   const std::function<void(const std::string&)>& warn);

}  // namespace vmm::lookup
