#include "web/form.h"

#include "sys/error.h"

namespace vmm::web {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      c = ' ';
    } else if (c == '%') {
      int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) throw Error(ErrorClass::usage, "bad %-escape in a form field");
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') throw Error(ErrorClass::usage, "NUL byte in a form field");
    out.push_back(c);
  }
  return out;
}

std::optional<std::size_t> small_count(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Form Form::parse(std::string_view encoded) {
  if (encoded.size() > kMaxFormBytes) throw Error(ErrorClass::usage, "form too large");
  Form form;
  while (!encoded.empty()) {
    std::size_t amp = encoded.find('&');
    std::string_view pair = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view() : encoded.substr(amp + 1);
    if (pair.empty()) continue;
    if (form.fields_.size() == kMaxFields) throw Error(ErrorClass::usage, "too many form fields");
    std::size_t eq = pair.find('=');
    std::string name = url_decode(pair.substr(0, eq));
    std::string value =
        eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
    form.fields_.emplace_back(std::move(name), std::move(value));
  }
  return form;
}

std::optional<std::string> Form::get(std::string_view name) const {
  for (const auto& [n, v] : fields_)
    if (n == name) return v;
  return std::nullopt;
}

std::vector<std::string> Form::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : fields_)
    if (n == name) out.push_back(v);
  return out;
}

}  // namespace vmm::web
