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

// Why a directory given for accounts — vadduser -d, or the user-dir setting
// every new account's directory goes below — may not be used; "" when it
// may. Refused: a control byte, a ".." component, nothing below the home
// ("", "."), the base home itself, and the settings directory .vmailmgr or
// anything in it. given is relative to home (the base home, absolute) or
// absolute.
std::string account_dir_problem(std::string_view given, std::string_view home);

}  // namespace vmm::domain
