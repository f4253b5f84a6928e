// Where an account's directory lives (SPEC §3.3): user-dir, optional hashed
// levels spreading big domains over sub-directories, then the account name.
#pragma once
#include <string>
#include <string_view>

namespace vmm::domain {

// The directory as stored in the record, relative to the base home:
//   "./" + user_dir + one level per slice + name with every '.' turned into ':'.
// Each level is the low `bits` bits of crc32(name) in lowercase hex, zero-padded
// to ceil(bits/4) digits; the hash is then shifted right by `bits`.
// user_dir is the `user-dir` setting ("users" or "users/"); an absolute one
// stays absolute (no "./"). name must already be lowercased.
// bits 0 or slices 0 = no levels. Otherwise bits must be at most 32 and
// bits * slices at most 32, else Error(permanent). A name that is empty or
// holds '/' or NUL is refused the same way: it would leave user_dir.
std::string account_dir(std::string_view user_dir, unsigned bits, unsigned slices,
                        std::string_view name);

}  // namespace vmm::domain
