// Requests that carry a password: their NUL-separated fields, and wiping
// the buffers that held them (checkpassword, the Lua helper, authpipe).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vmm::fmt {

// Overwrites the whole buffer, the bytes past size() included, and empties it.
void wipe(std::string& s);

// Drops the first n bytes (all when n is larger): the rest moves to the
// front and the bytes it leaves behind are overwritten.
void wipe_front(std::string& s, std::size_t n);

// The field starting at `at`, up to its NUL; `at` moves past the NUL.
// nullopt (and `at` unchanged) when no NUL follows.
std::optional<std::string_view> nul_field(std::string_view bytes, std::size_t& at);

}  // namespace vmm::fmt
