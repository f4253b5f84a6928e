#include "admin/account_batch.h"

#include "domain/password.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::admin {
namespace {

constexpr std::string_view kBlanks = " \t";

std::string_view trim(std::string_view s) {
  std::size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  std::size_t last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

}  // namespace

std::string keep_hash(std::string_view hash) {
  if (!domain::valid_password_hash(hash))
    throw Error(ErrorClass::permanent, "invalid password hash (it must be printable ASCII without blanks)");
  return std::string(hash);
}

std::vector<BatchLine> batch_lines(std::string_view input) {
  std::vector<BatchLine> lines;
  std::size_t number = 0;
  while (!input.empty()) {
    std::size_t nl = input.find('\n');
    std::string_view raw = input.substr(0, nl);
    input.remove_prefix(nl == std::string_view::npos ? input.size() : nl + 1);
    ++number;
    std::string_view text = trim(raw);
    if (text.empty() || text.front() == '#') continue;
    lines.push_back({number, text});
  }
  return lines;
}

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  for (;;) {
    std::size_t start = text.find_first_not_of(kBlanks);
    if (start == std::string_view::npos) return fields;
    text.remove_prefix(start);
    std::size_t end = text.find_first_of(kBlanks);
    fields.push_back(text.substr(0, end));
    if (end == std::string_view::npos) return fields;
    text.remove_prefix(end);
  }
}

std::pair<std::string_view, std::string_view> split_first(std::string_view text) {
  std::size_t start = text.find_first_not_of(kBlanks);
  if (start == std::string_view::npos) return {};
  text.remove_prefix(start);
  std::size_t end = text.find_first_of(kBlanks);
  if (end == std::string_view::npos) return {text, {}};
  std::string_view rest = text.substr(end);
  std::size_t next = rest.find_first_not_of(kBlanks);
  return {text.substr(0, end), next == std::string_view::npos ? std::string_view{} : rest.substr(next)};
}

std::string line_problem(const BatchLine& line, const std::string& message) {
  return "line " + std::to_string(line.number) + ": " + message;
}

BatchInput::BatchInput(int fd) : text_(sys::read_bounded(fd, kMaxBatchBytes, "standard input")) {}

BatchInput::~BatchInput() { domain::wipe(text_); }

}  // namespace vmm::admin
