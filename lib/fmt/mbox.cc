#include "fmt/mbox.h"

#include <cstring>

#include "fmt/ascii.h"
#include "sys/error.h"

namespace vmm::fmt {
namespace {

constexpr std::string_view kDummySubject = "DON'T DELETE THIS MESSAGE -- FOLDER INTERNAL DATA";

// Perl's \s on bytes.
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool word(char c) {
  return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// The line without its LF (a CR before it is part of the text, as for
// Perl's '.', which only stops at LF).
std::string_view without_lf(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  return line;
}

// Perl's pack("H", c) for one character.
unsigned nibble(char c) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return alpha ? (static_cast<unsigned>(c) + 9) & 0xf : static_cast<unsigned>(c) & 0xf;
}

unsigned hex_value(char c) {
  if (digit(c)) return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

bool hex(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// "Status: " or "X-Status: " followed by capital letters: those letters.
std::string_view capitals_after(std::string_view line, std::string_view name) {
  if (!line.starts_with(name)) return {};
  std::size_t n = name.size();
  while (n < line.size() && line[n] >= 'A' && line[n] <= 'Z') ++n;
  return line.substr(name.size(), n - name.size());
}

// The last "Subject: " header line of message starts like UW imapd's
// folder data message.
bool is_folder_data(std::string_view message) {
  std::string_view subject;
  for (std::size_t at = 0; at < message.size();) {
    std::size_t nl = message.find('\n', at);
    std::string_view line = message.substr(at, nl == std::string_view::npos ? message.npos : nl - at);
    if (line.empty()) break;  // the end of the header
    if (line.starts_with("Subject: ")) subject = line.substr(9);
    at = nl == std::string_view::npos ? message.size() : nl + 1;
  }
  return subject.starts_with(kDummySubject);
}

}  // namespace

bool is_from_line(std::string_view line) {
  line = without_lf(line);
  if (!line.starts_with("From ")) return false;
  std::size_t i = 4;
  while (i < line.size() && line[i] == ' ') ++i;
  std::size_t word_start = i;
  while (i < line.size() && !space(line[i])) ++i;
  if (i == word_start || i >= line.size() || line[i] != ' ') return false;
  for (std::size_t j = i + 1; j + 5 <= line.size(); ++j)
    if (digit(line[j]) && digit(line[j + 1]) && line[j + 2] == ':' && digit(line[j + 3]) &&
        digit(line[j + 4]))
      return true;
  return false;
}

std::string from_line_date(std::string_view line) {
  std::string s(line);
  if (s.starts_with("From ")) s.erase(0, 5);
  if (s.find('@') != std::string::npos) {
    std::size_t start = s.find_first_not_of('@');  // s/[^@]+//: the first run of non-'@'
    if (start != std::string::npos) {
      std::size_t end = s.find('@', start);
      s.erase(start, (end == std::string::npos ? s.size() : end) - start);
    }
    s.erase(s.find('@'), 1);
  }
  // s/(\((\S*| )+\)|\S+) *//: the first word, or a comment in parentheses
  // (up to the last ')' before a tab or line end), and the blanks after it.
  std::size_t p = 0;
  while (p < s.size() && space(s[p])) ++p;
  if (p < s.size()) {
    std::size_t end = std::string::npos;
    if (s[p] == '(') {
      std::size_t q = p + 1;
      while (q < s.size() && (s[q] == ' ' || !space(s[q]))) ++q;
      std::size_t close = s.rfind(')', q == 0 ? 0 : q - 1);
      if (close != std::string::npos && close > p) end = close + 1;
    }
    if (end == std::string::npos) {
      end = p;
      while (end < s.size() && !space(s[end])) ++end;
    }
    while (end < s.size() && s[end] == ' ') ++end;
    s.erase(p, end - p);
  }
  if (!s.empty() && s.back() == '\n') s.pop_back();  // chomp
  return s;
}

std::string status_letters(std::string_view line) {
  std::string letters;
  letters += capitals_after(line, "Status: ");
  letters += capitals_after(line, "X-Status: ");
  constexpr std::string_view mozilla = "X-Mozilla-Status: ";
  if (starts_with_nocase(line, mozilla) && line.size() >= mozilla.size() + 4) {
    std::string_view v = line.substr(mozilla.size(), 4);
    if (hex(v[0]) && hex(v[1]) && hex(v[2]) && hex(v[3])) {
      unsigned bits = hex_value(v[0]) << 12 | hex_value(v[1]) << 8 | hex_value(v[2]) << 4 | hex_value(v[3]);
      if (bits & 0x1) letters += 'R';
      if (bits & 0x2) letters += 'A';
      if (bits & 0x8) letters += 'D';
    }
  }
  constexpr std::string_view evolution = "X-Evolution:";
  if (starts_with_nocase(line, evolution)) {
    std::size_t i = evolution.size(), blanks = i;
    while (i < line.size() && space(line[i])) ++i;
    // \s+ may give back blanks, but what follows must be 8 word characters,
    // which a blank is not: only the longest run can match.
    if (i > blanks && i + 13 <= line.size()) {
      bool ok = line[i + 8] == '-';
      for (std::size_t k = 0; k < 8; ++k) ok = ok && word(line[i + k]);
      for (std::size_t k = 9; k < 13; ++k) ok = ok && word(line[i + k]);
      if (ok) {
        std::string_view v = line.substr(i + 9, 4);
        unsigned bits = nibble(v[0]) << 12 | nibble(v[1]) << 8 | nibble(v[2]) << 4 | nibble(v[3]);
        if (bits & 0x01) letters += 'A';
        if (bits & 0x02) letters += 'D';
        if (bits & 0x04) letters += 'T';  // draft: no Maildir flag in mb2md
        if (bits & 0x08) letters += 'F';
        if (bits & 0x10) letters += 'R';
      }
    }
  }
  return letters;
}

std::string maildir_flags(std::string_view letters) {
  std::string flags;
  if (letters.find('F') != std::string_view::npos) flags += 'F';
  if (letters.find('A') != std::string_view::npos) flags += 'R';
  if (letters.find('R') != std::string_view::npos) flags += 'S';
  if (letters.find('D') != std::string_view::npos) flags += 'T';
  return flags;
}

MboxReader::MboxReader(std::string_view mbox, MboxQuoting quoting) : text_(mbox), quoting_(quoting) {}

std::string_view MboxReader::line_at(std::size_t pos) const {
  const void* nl = std::memchr(text_.data() + pos, '\n', text_.size() - pos);
  std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1
                       : text_.size();
  return text_.substr(pos, end - pos);
}

bool MboxReader::next(MboxMessage& m) {
  if (!started_) {
    started_ = true;
    std::size_t number = 1;
    while (pos_ < text_.size()) {
      std::string_view line = line_at(pos_);
      if (line != "\n" && line != "\r\n") break;
      pos_ += line.size();
      ++number;
    }
    if (pos_ < text_.size() && !is_from_line(line_at(pos_)))
      throw Error(ErrorClass::permanent,
                  "it does not start with a \"From \" line (line " + std::to_string(number) + ")");
  }
  while (pos_ < text_.size()) {
    if (!read_message(m)) return false;
    if (first_) {
      first_ = false;
      if (is_folder_data(m.bytes)) continue;  // UW imapd's, only ever the first message
    }
    m.number = ++given_;
    return true;
  }
  return false;
}

bool MboxReader::read_message(MboxMessage& m) {
  m.bytes.clear();
  m.offset = pos_;
  std::string_view from = line_at(pos_);
  pos_ += from.size();
  std::string normalized;
  if (from.ends_with("\r\n")) {
    normalized.assign(from.substr(0, from.size() - 2)).push_back('\n');
    from = normalized;
  }
  m.date_text = from_line_date(from);
  std::string letters;
  bool in_headers = true;
  bool previous_empty = false;
  while (pos_ < text_.size()) {
    std::string_view line = line_at(pos_);
    const bool crlf = line.ends_with("\r\n");
    if (crlf) line.remove_suffix(2);  // the LF is added back below
    const bool empty = line.empty() || (!crlf && line == "\n");
    if (in_headers) {
      pos_ += line.size() + (crlf ? 2 : 0);
      if (empty) {
        in_headers = false;
        m.bytes += '\n';
        previous_empty = true;
        continue;
      }
      if (line.starts_with("From ")) continue;
      std::size_t before = m.bytes.size();
      m.bytes += line;
      if (crlf) m.bytes += '\n';
      letters += status_letters(std::string_view(m.bytes).substr(before));
      continue;
    }
    if (previous_empty && is_from_line(line)) break;  // pos_ stays on it
    pos_ += line.size() + (crlf ? 2 : 0);
    std::size_t skip = 0;
    if (line.starts_with(">")) {
      if (quoting_ == MboxQuoting::mboxo) {
        if (line.starts_with(">From ")) skip = 1;
      } else {
        std::size_t q = line.find_first_not_of('>');
        if (q != std::string_view::npos && line.substr(q).starts_with("From ")) skip = 1;
      }
    }
    m.bytes.append(line.data() + skip, line.size() - skip);
    if (crlf) m.bytes += '\n';
    previous_empty = empty;
  }
  if (in_headers && m.bytes.empty()) return false;
  m.flags = maildir_flags(letters);
  return true;
}

}  // namespace vmm::fmt
