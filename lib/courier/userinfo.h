// What authvmailmgr tells Courier about a login that may proceed (SPEC §14):
// the KEY=value fields of a successful PRE or AUTH reply.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/verify.h"
#include "domain/config.h"

namespace vmm::courier {

using Fields = std::vector<std::pair<std::string, std::string>>;

// Virtual account: ADDRESS (user@domain), USERNAME (the base user: Courier
// then sets its groups with initgroups, as checkvpw does), UID, GID, HOME and
// MAILDIR (both the account's directory, absolute), QUOTA ("<bytes>S",
// "<count>C" or both, only when the account has a hard quota or a message
// count limit), NAME (the personal information, when there is any).
// System user: ADDRESS (its name), USERNAME, UID, GID, HOME (its home),
// MAILDIR (default-maildir of global, made absolute under the home).
Fields userinfo_fields(const auth::VerifiedLogin& login, const domain::Config& global);

// At most this many bytes of personal information go into NAME.
inline constexpr std::size_t kMaxNameBytes = 512;

// The personal information as a NAME value: control bytes become spaces, and
// it is cut to kMaxNameBytes without splitting a UTF-8 sequence.
std::string name_value(std::string_view personal);

}  // namespace vmm::courier
