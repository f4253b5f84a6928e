// The stdin format of the batch tools (vaddusers, vpasswds): one account
// per line, blank lines and '#' comments skipped, problems reported by line
// number.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>


namespace vmm::admin {

// Input bigger than this is refused whole (a batch is read before any change).
inline constexpr std::size_t kMaxBatchBytes = 64u << 20;

// Plaintext password -> stored hash (domain::hash_password; tests pass a fake).
using HashFn = std::function<std::string(std::string_view password)>;

// The HashFn of --hashed: the field already is the stored hash (a crypt(3)
// string, or "*" to lock), moved from another system. It is checked as
// vadduser --password checks it and kept as given; a bad one is
// Error(permanent), so its line is reported and skipped.
std::string keep_hash(std::string_view hash);

struct BatchLine {
  std::size_t number;     // 1-based, counting every line of the input
  std::string_view text;  // leading and trailing blanks, CR and LF removed
};

// Every line that is not blank and does not start with '#' (after blanks).
std::vector<BatchLine> batch_lines(std::string_view input);

// Fields separated by runs of spaces and tabs.
std::vector<std::string_view> split_fields(std::string_view text);

// The first field, and the rest of the line after the blanks following it
// (which may itself hold blanks: a vpasswds password may).
std::pair<std::string_view, std::string_view> split_first(std::string_view text);

// "line N: MESSAGE"
std::string line_problem(const BatchLine& line, const std::string& message);

// A batch read whole from a file descriptor (standard input), at most
// kMaxBatchBytes. It holds passwords: the buffer is wiped when it goes out
// of scope, on success and on every error path alike.
class BatchInput {
 public:
  explicit BatchInput(int fd);
  ~BatchInput();
  BatchInput(const BatchInput&) = delete;
  BatchInput& operator=(const BatchInput&) = delete;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace vmm::admin
