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
constexpr std::string_view kReturnPath = "Return-Path:";
constexpr std::string_view kOriginalTo = "X-Original-To:";
// local(8)'s Return-Path line is kept up to this size to read the sender
// from it; a longer one is still dropped, and $SENDER is used.
constexpr std::size_t kMaxReturnPathLine = 2048;

// The line without its '\n' and one '\r' before it.
std::string_view bare(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The address of "Return-Path: <ADDRESS>", blanks allowed after the colon.
std::optional<std::string> return_path_address(std::string_view line) {
  line.remove_prefix(kReturnPath.size());
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.size() < 2 || line.front() != '<' || line.back() != '>') return std::nullopt;
  return std::string(line.substr(1, line.size() - 2));
}

}  // namespace

HeaderFilter::HeaderFilter(HeaderPlan plan)
    : plan_(std::move(plan)), added_(plan_.added), in_block_(plan_.block != HeaderPlan::Block::none) {
  // Long enough to tell every line we compare apart, with room for "\r\n".
  head_max_ = std::max({plan_.loop_line.size(), kReturnPath.size(), kOriginalTo.size(),
                        kFromLine.size()}) + 2;
  head_.reserve(head_max_);
  mode_ = in_block_ ? Mode::hold : Mode::pass;
}

// Once, before the first byte of the message goes out (or at its end).
void HeaderFilter::put_added(std::string& out) {
  if (added_out_) return;
  added_out_ = true;
  if (block_sender_ && plan_.added_for_sender) added_ = plan_.added_for_sender(*block_sender_);
  out += added_;
}

void HeaderFilter::feed(std::string_view chunk, std::string& out) {
  std::size_t i = 0;
  for (; i < chunk.size() && in_header_; ++i) header_byte(chunk[i], out);
  if (i < chunk.size()) {
    put_added(out);
    out.append(chunk.substr(i));  // the body goes through untouched
  }
}

void HeaderFilter::finish(std::string& out) {
  if (in_header_ && !head_.empty()) {
    // A last header line without its '\n' still counts.
    if (mode_ == Mode::hold) release_held(out);
    if (mode_ == Mode::pass) check_line(bare(head_));
    head_.clear();
  }
  put_added(out);
}

void HeaderFilter::header_byte(char c, std::string& out) {
  if (mode_ == Mode::pass) {
    put_added(out);
    out.push_back(c);
  }
  if (mode_ == Mode::capture) {
    if (return_path_.size() < kMaxReturnPathLine) return_path_.push_back(c);
    else return_path_full_ = true;
  } else if (mode_ != Mode::drop) {
    if (head_.size() < head_max_) head_.push_back(c);
    else head_full_ = true;
  }
  if (c == '\n') return end_of_line(out);
  if (mode_ == Mode::hold) decide(out);
}

// A line of local(8)'s block, no '\n' yet: drop it, keep it, or go on holding.
void HeaderFilter::decide(std::string& out) {
  const std::string_view head = head_;
  if (line_no_ == 0 && plan_.block == HeaderPlan::Block::local8) {
    if (head == kFromLine) mode_ = Mode::drop;  // local(8)'s envelope line, however long
    else if (!kFromLine.starts_with(head)) release_held(out);  // no block at all
  } else if (!return_path_seen_ && head == kReturnPath) {
    return_path_seen_ = true;
    return_path_ = head_;
    mode_ = Mode::capture;
  } else if (head.starts_with(kOriginalTo)) {
    release_held(out);  // kept, and the block goes on after it
  } else if (!may_stay_in_block()) {
    release_held(out);
  }
}

// Could the held line still become one that the block drops or keeps?
bool HeaderFilter::may_stay_in_block() const {
  std::string_view head = head_;
  auto may_be = [&](std::string_view line) {
    std::string_view h = head;
    if (h.size() == line.size() + 1 && h.back() == '\r') h.remove_suffix(1);  // CRLF
    return !line.empty() && h.size() <= line.size() && line.starts_with(h);
  };
  return (!return_path_seen_ && may_be(kReturnPath)) || may_be(kOriginalTo) ||
         (!delivered_to_dropped_ && may_be(plan_.loop_line));
}

// The held bytes go out after all; the block ends unless it is X-Original-To.
void HeaderFilter::release_held(std::string& out) {
  put_added(out);
  out += head_;
  mode_ = Mode::pass;
  const bool from_line_expected = line_no_ == 0 && plan_.block == HeaderPlan::Block::local8;
  if (from_line_expected || !std::string_view(head_).starts_with(kOriginalTo)) in_block_ = false;
}

// A header line that goes into the stored copy.
void HeaderFilter::check_line(std::string_view line) {
  if (head_full_) return;  // longer than anything we compare with
  if (!in_block_ && !plan_.loop_line.empty() && line == plan_.loop_line) looping_ = true;
  if (line.empty()) in_header_ = false;
}

void HeaderFilter::end_of_line(std::string& out) {
  const std::string_view line = bare(head_);
  if (mode_ == Mode::hold) {
    const bool from_line_expected = line_no_ == 0 && plan_.block == HeaderPlan::Block::local8;
    if (!from_line_expected && !delivered_to_dropped_ && !plan_.loop_line.empty() &&
        line == plan_.loop_line) {
      delivered_to_dropped_ = true;
    } else {
      release_held(out);
      check_line(line);
    }
  } else if (mode_ == Mode::capture) {
    if (!return_path_full_) block_sender_ = return_path_address(bare(return_path_));
    return_path_.clear();
  } else if (mode_ == Mode::pass) {
    check_line(line);
  }
  ++line_no_;
  head_.clear();
  head_full_ = false;
  mode_ = in_header_ && in_block_ ? Mode::hold : Mode::pass;
}

}  // namespace vmm::fmt
