// qmail's .qmail files (dot-qmail(5)), as vpopmail domains use them: the
// domain's .qmail-NAME aliases, each user's own .qmail, and .qmail-default
// running vdelivermail. Lines: '#' comment, '|' program, '/' or '.' a file
// (an mbox, or a Maildir when it ends in '/'), '&' or anything else an
// address to forward to.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vmm::import {

struct DotQmail {
  std::vector<std::string> forwards;  // addresses, '&' removed
  std::vector<std::string> maildirs;  // as written, with their final '/'
  std::vector<std::string> mboxes;
  std::vector<std::string> programs;  // without the '|'
};

DotQmail parse_dot_qmail(std::string_view text);

// The NAME of a ".qmail-NAME" file name ("" when it is not one): qmail
// writes '.' in addresses as ':' in these names.
std::string dot_qmail_name(std::string_view file_name);

// The last argument of a "| .../vdelivermail '' TARGET" program line,
// quotes removed; "" when the program is not vdelivermail.
std::string vdelivermail_target(std::string_view program);

}  // namespace vmm::import
