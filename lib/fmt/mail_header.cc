#include "fmt/mail_header.h"

#include <algorithm>
#include <utility>

namespace vmm::fmt {

std::string ctime_utc(std::time_t t) {
  struct tm tm;
  char date[64] = "";
  if (::gmtime_r(&t, &tm)) std::strftime(date, sizeof date, "%a %b %e %H:%M:%S %Y", &tm);
  return date;
}

namespace {

constexpr std::string_view kFromLine = "From ";
constexpr std::string_view kOriginalTo = "X-Original-To:";

// The line without its '\n' and one '\r' before it.
std::string_view bare(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

HeaderFilter::HeaderFilter(HeaderPlan plan)
    : plan_(std::move(plan)), in_block_(plan_.postfix_block) {
  // Long enough to tell every line we compare apart, with room for "\r\n".
  head_max_ = std::max({plan_.loop_line.size(), plan_.local_return_path.size(),
                        kOriginalTo.size(), kFromLine.size()}) + 2;
  head_.reserve(head_max_);
  mode_ = in_block_ ? Mode::hold : Mode::pass;
}

void HeaderFilter::start(std::string& out) {
  if (started_) return;
  started_ = true;
  out += plan_.added;
}

void HeaderFilter::feed(std::string_view chunk, std::string& out) {
  start(out);
  std::size_t i = 0;
  for (; i < chunk.size() && in_header_; ++i) header_byte(chunk[i], out);
  out.append(chunk.substr(i));  // the body goes through untouched
}

void HeaderFilter::finish(std::string& out) {
  start(out);
  if (!in_header_ || head_.empty()) return;
  // A last header line without its '\n' still counts.
  if (mode_ == Mode::hold) release_held(out);
  if (mode_ == Mode::pass) check_line(bare(head_));
  head_.clear();
}

void HeaderFilter::header_byte(char c, std::string& out) {
  if (mode_ == Mode::pass) out.push_back(c);
  if (mode_ != Mode::drop) {
    if (head_.size() < head_max_) head_.push_back(c);
    else head_full_ = true;
  }
  if (c == '\n') return end_of_line(out);
  if (mode_ != Mode::hold) return;
  std::string_view head = head_;
  if (line_no_ == 0 && head == kFromLine) {
    mode_ = Mode::drop;  // local(8)'s envelope line, however long
  } else if (head.starts_with(kOriginalTo)) {
    release_held(out);  // kept, and the block goes on after it
  } else if (!may_become_dropped() && !kOriginalTo.starts_with(head)) {
    release_held(out);
  }
}

// While holding a line of local(8)'s block (no '\n' yet): could it still be
// the From line or one of the lines that the added ones replace?
bool HeaderFilter::may_become_dropped() const {
  std::string_view head = head_;
  auto may_be = [&](std::string_view line) {
    return !line.empty() && head.size() <= line.size() && line.starts_with(head);
  };
  return (line_no_ == 0 && kFromLine.starts_with(head)) ||
         (!return_path_dropped_ && may_be(plan_.local_return_path)) ||
         (!delivered_to_dropped_ && may_be(plan_.loop_line));
}

// The held bytes go out after all; the block ends unless it is X-Original-To.
void HeaderFilter::release_held(std::string& out) {
  out += head_;
  mode_ = Mode::pass;
  if (!std::string_view(head_).starts_with(kOriginalTo)) in_block_ = false;
}

// A header line that goes into the stored copy.
void HeaderFilter::check_line(std::string_view line) {
  if (head_full_) return;  // longer than anything we compare with
  if (!in_block_ && !plan_.loop_line.empty() && line == plan_.loop_line) looping_ = true;
  if (line.empty()) in_header_ = false;
}

void HeaderFilter::end_of_line(std::string& out) {
  std::string_view line = bare(head_);
  if (mode_ == Mode::hold) {
    if (!return_path_dropped_ && !plan_.local_return_path.empty() &&
        line == plan_.local_return_path) {
      return_path_dropped_ = true;
    } else if (!delivered_to_dropped_ && !plan_.loop_line.empty() && line == plan_.loop_line) {
      delivered_to_dropped_ = true;
    } else {
      release_held(out);
      check_line(line);
    }
  } else if (mode_ == Mode::pass) {
    check_line(line);
  }
  ++line_no_;
  head_.clear();
  head_full_ = false;
  mode_ = in_header_ && in_block_ ? Mode::hold : Mode::pass;
}

}  // namespace vmm::fmt
