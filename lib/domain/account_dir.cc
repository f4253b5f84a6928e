#include "domain/account_dir.h"

#include <cstdint>
#include <filesystem>
#include <string>

#include "fmt/crc32.h"
#include "sys/error.h"

namespace vmm::domain {
namespace {

void check_layout(unsigned bits, unsigned slices) {
  if (bits == 0 || slices == 0) return;
  if (bits > 32 || std::uint64_t{bits} * slices > 32) {
    throw Error(ErrorClass::permanent,
                "invalid hashed user directory layout: user-dir-bits " + std::to_string(bits) +
                    " with user-dir-slices " + std::to_string(slices) +
                    " (bits must be 1..32 and bits * slices at most 32)");
  }
}

// The name becomes one path component: it must not climb out of user_dir.
// (Full name rules are SPEC §3.5's; this is only what the path needs.)
void check_name(std::string_view name) {
  const std::string what = "invalid account name for a directory: ";
  if (name.empty()) throw Error(ErrorClass::permanent, what + "the name is empty");
  if (name.find('\0') != std::string_view::npos) {
    throw Error(ErrorClass::permanent, what + "the name contains a NUL byte");
  }
  if (name.find('/') != std::string_view::npos) {
    throw Error(ErrorClass::permanent, what + "'" + std::string(name) + "' contains '/'");
  }
}

// Appends the low `bits` bits of hash as ceil(bits/4) lowercase hex digits.
void append_level(std::string& out, std::uint32_t hash, unsigned bits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t value = hash & ((std::uint64_t{1} << bits) - 1);
  unsigned digits = (bits + 3) / 4;
  for (unsigned i = digits; i-- > 0;) out.push_back(kHex[(value >> (4 * i)) & 15]);
  out.push_back('/');
}

}  // namespace

std::string account_dir(std::string_view user_dir, unsigned bits, unsigned slices,
                        std::string_view name) {
  check_layout(bits, slices);
  check_name(name);

  std::string out = user_dir.starts_with('/') ? "" : "./";
  out += user_dir;
  if (!user_dir.empty() && !user_dir.ends_with('/')) out.push_back('/');

  if (bits != 0) {
    std::uint64_t hash = fmt::crc32(name);  // 64 bits wide so a 32-bit shift is defined
    for (unsigned i = 0; i < slices; ++i, hash >>= bits) {
      append_level(out, static_cast<std::uint32_t>(hash), bits);
    }
  }

  // qmail's convention: '.' in a name becomes ':' on disk.
  for (char c : name) out.push_back(c == '.' ? ':' : c);
  return out;
}

std::string account_dir_problem(std::string_view given, std::string_view home) {
  for (unsigned char c : given)
    if (c < 0x20 || c == 0x7f) return "it contains a control character";
  bool below = false;
  for (std::string_view rest = given; !rest.empty();) {
    const std::size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
    if (part == "..") return "it contains '..'";
    if (!part.empty() && part != ".") below = true;
  }
  if (!below) return "it names no directory below the home";
  namespace fs = std::filesystem;
  const fs::path base = fs::path(home).lexically_normal();
  const fs::path dir = (given.front() == '/' ? fs::path(given) : base / given).lexically_normal();
  auto same = [](const fs::path& a, const fs::path& b) {
    return a.native() == b.native() || a.native() + "/" == b.native() || a.native() == b.native() + "/";
  };
  if (same(dir, base)) return "it is the base home itself";
  const std::string settings = (base / ".vmailmgr").native();
  if (dir.native() == settings || dir.native().starts_with(settings + "/"))
    return "it is the domain's settings directory .vmailmgr";
  return "";
}

}  // namespace vmm::domain
