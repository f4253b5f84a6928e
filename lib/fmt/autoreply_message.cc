#include "fmt/autoreply_message.h"

#include <cstddef>

namespace vmm::fmt {

namespace {

// Identifiers kept in References: the thread's first and its latest ones
// are what readers need; the header stays bounded.
constexpr std::size_t kMaxReferences = 20;
constexpr std::size_t kMaxSubjectBytes = 900;

bool eight_bit(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}

std::string printable(std::string_view s, std::size_t max) {
  std::string out;
  for (unsigned char c : s.substr(0, max)) out += c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c);
  return out;
}

std::string replace_all(std::string_view text, std::string_view what, std::string_view with) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t hit; (hit = text.find(what, at)) != std::string_view::npos; at = hit + what.size())
    out.append(text.substr(at, hit - at)).append(with);
  return out.append(text.substr(at));
}

std::string base64(std::string_view in) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += i + 1 < in.size() ? kAlphabet[v >> 6 & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

// Fields the reply sets itself, or that belong to a delivery, not a reply.
bool owned_by_reply(std::string_view name) {
  for (std::string_view n : {"From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID",
                             "In-Reply-To", "References", "Auto-Submitted", "Return-Path",
                             "Delivered-To", "Received"})
    if (same_name(name, n)) return true;
  return false;
}

std::string lf_lines(std::string_view text) { return replace_all(text, "\r\n", "\n"); }

}  // namespace

std::vector<std::string> message_ids(std::string_view value) {
  std::vector<std::string> ids;
  for (std::size_t at = 0;;) {
    std::size_t open = value.find('<', at);
    if (open == std::string_view::npos) break;
    std::size_t close = value.find('>', open);
    if (close == std::string_view::npos) break;
    std::string_view id = value.substr(open, close - open + 1);
    bool ok = id.size() > 2 && id.size() <= 998;
    for (unsigned char c : id)
      if (c <= 0x20 || c >= 0x7f) ok = false;
    if (ok) ids.emplace_back(id);
    at = close + 1;
  }
  return ids;
}

std::string encode_header_text(std::string_view text) {
  if (!eight_bit(text)) return std::string(text);
  // 45 bytes of text make 60 of base64: with "=?UTF-8?B?" and "?=" a word
  // stays under RFC 2047's 75 characters.
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = at + 45 < text.size() ? at + 45 : text.size();
    // Never split a UTF-8 sequence: back up over continuation bytes.
    while (end < text.size() && end > at + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += "\n ";
    out += "=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

std::string autoreply_message(std::string_view file_text, const AutoreplyParts& parts) {
  const ParsedHeader file = parse_header(file_text);
  std::string_view body = file_text.substr(file.body_offset);

  const HeaderField* original_subject = find_field(parts.original, "Subject");
  std::string was = original_subject ? printable(original_subject->value, kMaxSubjectBytes) : "";
  const HeaderField* subject_field = find_field(file.fields, "Subject");
  std::string subject = replace_all(
      subject_field ? std::string_view(subject_field->value) : autoreply_default_subject, "%S", was);
  while (!subject.empty() && subject.back() == ' ') subject.pop_back();

  const HeaderField* from_field = find_field(file.fields, "From");
  std::string out = "From: " + (from_field ? from_field->value : parts.from) + "\n";
  out += "To: <" + parts.to + ">\n";
  out += "Subject: " + encode_header_text(printable(subject, 2 * kMaxSubjectBytes)) + "\n";
  out += "Date: " + parts.date + "\n";
  out += "Message-ID: " + parts.message_id + "\n";

  const HeaderField* id_field = find_field(parts.original, "Message-ID");
  std::vector<std::string> id = id_field ? message_ids(id_field->value) : std::vector<std::string>{};
  if (!id.empty()) {
    out += "In-Reply-To: " + id.front() + "\n";
    const HeaderField* refs = find_field(parts.original, "References");
    if (!refs) refs = find_field(parts.original, "In-Reply-To");
    std::vector<std::string> chain = refs ? message_ids(refs->value) : std::vector<std::string>{};
    if (chain.size() >= kMaxReferences) chain.erase(chain.begin() + 1, chain.end() - (kMaxReferences - 2));
    chain.push_back(id.front());
    out += "References:";
    for (const std::string& r : chain) out += (&r == &chain.front() ? " " : "\n ") + r;
    out += "\n";
  }
  out += "Auto-Submitted: auto-replied\n";
  for (const HeaderField& f : file.fields)
    if (!owned_by_reply(f.name)) out += f.name + ": " + f.value + "\n";
  if (!find_field(file.fields, "Content-Type") && eight_bit(body)) {
    if (!find_field(file.fields, "MIME-Version")) out += "MIME-Version: 1.0\n";
    out += "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n";
  }
  out += "\n";
  out += lf_lines(body);
  if (!out.ends_with('\n')) out += "\n";
  return out;
}

}  // namespace vmm::fmt
