#include "fmt/netstring.h"

namespace vmm::fmt {

std::string netstring(std::string_view payload) {
  std::string out = std::to_string(payload.size());
  out += ':';
  out.append(payload);
  out += ',';
  return out;
}

NetstringStatus NetstringReader::next(std::string& payload) {
  if (broken_ != NetstringStatus::need_more) return broken_;
  // The length: digits up to the ':'. Every digit is checked as it arrives,
  // so a length over the bound is refused before its bytes are awaited.
  std::size_t len = 0, i = 0;
  for (; i < buf_.size() && buf_[i] != ':'; ++i) {
    const char c = buf_[i];
    if (c < '0' || c > '9' || (i == 1 && buf_[0] == '0')) return broken_ = NetstringStatus::malformed;
    len = len * 10 + static_cast<std::size_t>(c - '0');
    if (len > max_) return broken_ = NetstringStatus::too_long;
  }
  if (i == buf_.size()) return NetstringStatus::need_more;
  if (i == 0) return broken_ = NetstringStatus::malformed;  // ":" without a length
  const std::size_t start = i + 1;
  if (buf_.size() < start + len + 1) return NetstringStatus::need_more;
  if (buf_[start + len] != ',') return broken_ = NetstringStatus::malformed;
  payload.assign(buf_, start, len);
  buf_.erase(0, start + len + 1);
  return NetstringStatus::complete;
}

}  // namespace vmm::fmt
