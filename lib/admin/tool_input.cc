#include "admin/tool_input.h"


#include <cerrno>
#include <cstdlib>
#include <limits>

#include "sys/dir.h"
#include "sys/error.h"

namespace vmm::admin {

domain::Domain domain_from_env() {
  const char* home = std::getenv("HOME");
  if (!home || !*home) throw Error(ErrorClass::permanent, "HOME is not set");
  switch (sys::file_kind(home, sys::Links::follow)) {
    case sys::FileKind::missing: throw errno_error(std::string("find home directory ") + home, ENOENT);
    case sys::FileKind::other: throw Error(ErrorClass::permanent, std::string("HOME ") + home + " is not a directory");
    case sys::FileKind::directory: break;
  }
  return domain::Domain::at_home(home);
}

fmt::Limit parse_limit(std::string_view text, std::string_view what) {
  if (text == "-") return std::nullopt;
  auto bad = [&](const char* why) {
    return Error(ErrorClass::permanent,
                 "bad " + std::string(what) + " '" + std::string(text) + "': " + why);
  };
  if (text.empty()) throw bad("empty");
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') throw bad("not a number (digits, or - for unlimited)");
    unsigned d = static_cast<unsigned>(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - d) / 10) throw bad("too large");
    v = v * 10 + d;
  }
  return v;
}

namespace {

constexpr std::uint64_t kMaxTime = std::numeric_limits<std::int64_t>::max();

}  // namespace

fmt::Limit parse_time(std::string_view text, std::string_view what) {
  fmt::Limit t = parse_limit(text, what);
  if (t && *t > kMaxTime)
    throw Error(ErrorClass::permanent, "bad " + std::string(what) + " '" + std::string(text) + "': too large");
  return t;
}

fmt::Limit parse_lifetime(std::string_view text, std::time_t now) {
  fmt::Limit secs = parse_limit(text, "expiry");
  if (!secs) return std::nullopt;
  std::uint64_t base = now < 0 ? 0 : static_cast<std::uint64_t>(now);
  if (*secs > kMaxTime - base)
    throw Error(ErrorClass::permanent, "bad expiry '" + std::string(text) + "': too large");
  return base + *secs;
}

bool parse_flag(std::string_view text, std::string_view what) {
  if (text == "1") return true;
  if (text == "0") return false;
  throw Error(ErrorClass::permanent, "bad " + std::string(what) + " '" + std::string(text) + "': use 0 or 1");
}

}  // namespace vmm::admin
