// The fields of a request (SPEC §18): application/x-www-form-urlencoded, from
// QUERY_STRING or a POST body. Bounded: the pages' forms are small, so a body
// or a field beyond these limits is refused rather than read.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vmm::web {

inline constexpr std::size_t kMaxFormBytes = 64 * 1024;  // an autoresponse message fits
inline constexpr std::size_t kMaxFields = 200;

class Form {
 public:
  // Error(usage) for more than kMaxFormBytes, more than kMaxFields fields,
  // a bad %-escape or a NUL byte in a name or value.
  static Form parse(std::string_view encoded);

  // The first value of name, if the field is there.
  std::optional<std::string> get(std::string_view name) const;
  // Every value of name, in order (a repeated field: the forwards).
  std::vector<std::string> all(std::string_view name) const;
  std::size_t size() const { return fields_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// "+" is a blank, %XX a byte; Error(usage) for a bad or truncated escape or
// a NUL.
std::string url_decode(std::string_view s);

// A count in a request (CONTENT_LENGTH, a page's start): 1 to 9 decimal
// digits, nothing else; nullopt for anything else.
std::optional<std::size_t> small_count(std::string_view text);

// For links the pages build (a domain or account name in a query string):
// everything but unreserved characters (RFC 3986) as %XX.
std::string url_encode(std::string_view s);

}  // namespace vmm::web
