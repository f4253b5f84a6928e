// The fields of a message header (RFC 5322 §2.2): what the autoresponder
// reads from the message it answers (Subject, Message-ID, Precedence,
// List-*...) and from the account's message file (Subject, From...).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vmm::fmt {

struct HeaderField {
  std::string name;   // as written
  std::string value;  // unfolded (line breaks removed), blanks trimmed at both ends
  bool operator==(const HeaderField&) const = default;
};

struct ParsedHeader {
  std::vector<HeaderField> fields;
  // Where the body starts: just after the empty line ending the header, or
  // the end of the text when it has none. 0 when the text does not start
  // with a header line at all (it is all body).
  std::size_t body_offset = 0;
  // The header ended with an empty line (or the text ended after it).
  bool complete = false;
};

// Lines ending in LF or CR LF. A header line is NAME ':' value, NAME being
// printable ASCII other than ':' and blanks; a line starting with a blank
// continues the field before it. The header ends at the first empty line,
// or at a line that is neither (then it is incomplete: what follows is not
// known to be a header, and body_offset is that line's start; when it is
// the first line, fields is empty and body_offset 0).
ParsedHeader parse_header(std::string_view text);

// ASCII case-insensitive equality, as header names compare.
bool same_name(std::string_view a, std::string_view b);

// The first field named name (case-insensitive); nullptr when none.
const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name);

}  // namespace vmm::fmt
