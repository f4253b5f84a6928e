#include "fmt/header_fields.h"

#include "fmt/ascii.h"

namespace vmm::fmt {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (blank(s.front()) || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (blank(s.back()) || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// The length of a field name starting line, or 0 when it is not one.
std::size_t name_length(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] != ':') {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c <= 0x20 || c >= 0x7f) return 0;
    ++i;
  }
  return i < line.size() ? i : 0;
}

}  // namespace

ParsedHeader parse_header(std::string_view text) {
  ParsedHeader out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(at, next - at);
    std::string_view bare = line;
    while (!bare.empty() && (bare.back() == '\n' || bare.back() == '\r')) bare.remove_suffix(1);
    if (bare.empty()) {
      out.body_offset = next;
      out.complete = true;
      return out;
    }
    if (blank(bare.front()) && !out.fields.empty()) {
      std::string& v = out.fields.back().value;
      std::string_view more = trim(bare);
      if (!more.empty()) v += (v.empty() ? "" : " ") + std::string(more);
    } else if (std::size_t n = name_length(bare)) {
      out.fields.push_back({std::string(bare.substr(0, n)), std::string(trim(bare.substr(n + 1)))});
    } else {
      out.body_offset = at;
      return out;
    }
    at = next;
  }
  out.body_offset = text.size();
  out.complete = true;
  return out;
}

bool same_name(std::string_view a, std::string_view b) { return equal_nocase(a, b); }

const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const HeaderField& f : fields)
    if (same_name(f.name, name)) return &f;
  return nullptr;
}

}  // namespace vmm::fmt
