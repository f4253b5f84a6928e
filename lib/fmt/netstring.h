// Netstrings (D. J. Bernstein): "<length>:<bytes>," with the length in
// decimal ASCII, no leading zero unless the length is 0 ("0:,"). The
// framing of the Postfix socketmap protocol (lib/lookup/socketmap).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace vmm::fmt {

// "5:hello,"
std::string netstring(std::string_view payload);

enum class NetstringStatus {
  complete,   // payload holds the next netstring's bytes; they are consumed
  need_more,  // no complete netstring yet: feed more bytes
  malformed,  // not a netstring: a non-digit length, a leading zero, no ':'
              // after the length, no ',' after the bytes
  too_long,   // the length given is over the bound (known before the bytes come)
};

// Takes netstrings, one after the other, out of a byte stream that arrives
// in pieces of any size. After malformed or too_long the stream has lost
// its framing: every later call gives the same answer.
class NetstringReader {
 public:
  explicit NetstringReader(std::size_t max_payload) : max_(max_payload) {}

  void feed(std::string_view bytes) { buf_.append(bytes); }
  NetstringStatus next(std::string& payload);

  // Bytes fed and not yet taken out (for a bound on what is buffered).
  std::size_t pending() const { return buf_.size(); }

 private:
  std::size_t max_;
  std::string buf_;
  NetstringStatus broken_ = NetstringStatus::need_more;  // malformed / too_long once broken
};

}  // namespace vmm::fmt
