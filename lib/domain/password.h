// Password hashes (SPEC §4): verification of every form VMailMgr tables hold,
// new hashes of libcrypt's preferred method, and handling of the secret itself.
// Passwords are never logged and never put into an exception message.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace vmm::domain {

enum class PasswordCheck {
  match,     // the password verifies against the stored hash
  mismatch,  // wrong password, or a hash libcrypt cannot evaluate
  locked,    // the stored value is empty or starts with '*' or '!': never verifies
};

// Stored forms: locked ("", "*...", "!..."); "$0$plain"; "3" + 32 lowercase hex
// digits (MD5 of the password); anything else goes to crypt_rn as the setting.
// Every comparison is constant-time over the whole string; a locked value still
// costs one dummy hash so the time does not tell it apart.
PasswordCheck check_password(std::string_view stored_hash, std::string_view password);

// For an unknown user: one hash of the password against a fixed setting of the
// preferred method at its default cost, the same work as a real check.
void check_dummy(std::string_view password);

// A new hash with crypt_gensalt_ra(NULL, 0, NULL, 0): the preferred method
// (yescrypt "$y$" on Debian 12), never DES and never "$0$".
// Throws Error(temporary, "unable to hash password: ...") when libcrypt fails,
// Error(permanent, ...) for a password holding a NUL byte.
std::string hash_password(std::string_view password);

// SPEC §4: a new password is 1 to 256 bytes without a control byte (below
// 0x20, or 0x7f). Anything else is Error(permanent, "...") naming the rule,
// never the password.
inline constexpr std::size_t kMaxNewPasswordBytes = 256;
void check_new_password(std::string_view password);

// check_new_password, then hash_password: what every reader of a new password
// stores (the tools, their batches, and the front-ends to come).
std::string hash_new_password(std::string_view password);

// True when a good login should replace the hash (SPEC §4 rehash-on-login):
// "$0$", "3" + MD5 hex, "$1$", DES, and anything crypt_checksalt() does not
// call CRYPT_SALT_OK. False for locked values and for the preferred method.
bool is_legacy_hash(std::string_view stored_hash);

// SPEC §3.5: non-empty, printable ASCII, no whitespace.
bool valid_password_hash(std::string_view hash);

// Compares every byte of the longer string whatever the content, so the time
// depends only on the lengths. Different lengths never compare equal.
bool equal_constant_time(std::string_view a, std::string_view b);

// Overwrites the whole buffer (capacity included) with explicit_bzero, then clear().
void wipe(std::string& secret);

}  // namespace vmm::domain
