// What an old system holds for one virtual domain, as a source reader finds
// it (SPEC §19): accounts with their stored hashes and mailboxes, aliases,
// the catch-all, and the lines that cannot come across with the reason.
// Nothing is decided here about the target domain: import/plan.h does that.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/record.h"

namespace vmm::import {

struct Mailbox {
  enum Kind { none, mbox, maildir } kind = none;
  std::string path;  // may not exist: an empty mailbox
};

struct SourceEntry {
  std::string where;         // "FILE:LINE" or "FILE", for the report
  std::string name;          // as the source spells it (checked by the plan)
  bool catch_all = false;    // the domain's catch-all: named by default-username
  bool alias = false;        // forwards only: no mailbox, no login
  std::string hash;          // an account's stored hash, as given ("" = none)
  std::string clear;         // the plain-text password hash was made from (teapop
                             // textfile), to recognise an earlier import of it
  std::string personal;      // gecos, when the source has one
  fmt::Limit hard_quota, msg_count;
  std::vector<std::string> forwards;  // address@domain, or a name of this domain
  Mailbox mailbox;
  std::vector<std::string> warnings;  // imported all the same, but worth a look
};

struct SourceProblem {
  std::string where, name, why;
};

struct Source {
  std::string description;  // "GNU pop3d/vm-pop3d: /etc/virtual/example.com/passwd"
  std::vector<SourceEntry> entries;
  std::vector<SourceProblem> problems;
};

// The systems vimport reads.
enum class SourceKind { pop3d, vpop3d, teapop, vpopmail, virtusertable };

// SourceKind from its command-line name; nullopt for an unknown one.
std::optional<SourceKind> source_kind(std::string_view name);

// Where the source's files are: each path defaults to its usual place under
// root ("" = /), for this domain.
struct SourcePaths {
  std::string domain;  // lowercased
  std::string root;
  std::optional<std::string> passwd, shadow, aliases, spool, config, dir, table;
};

// Reads the source. A main file that is missing or unreadable is an Error
// (permanent); a line that cannot be imported is a SourceProblem.
Source read_source(SourceKind kind, const SourcePaths& paths);

// Text files of the old system are read whole, up to this size.
inline constexpr std::size_t kMaxSourceFile = 64u << 20;

// Lines of text (LF or CR LF), numbered from 1, without their line end.
struct TextLine {
  std::size_t number;
  std::string_view text;
};
std::vector<TextLine> text_lines(std::string_view text);

// path split at every ':' (an empty field stays).
std::vector<std::string_view> colon_fields(std::string_view line);

// root + path (path absolute); root "" leaves it alone.
std::string under_root(const std::string& root, const std::string& path);

}  // namespace vmm::import

namespace vmm::import {

// An alias whose name is also an account: sendmail's aliases and qmail's
// .qmail-NAME files took mail for that name before the mailbox did. The
// account gets the alias's forwards (with a warning when the alias did not
// also deliver to the mailbox, keeps_copy: here the mailbox keeps a copy).
// Any other alias is added as it is.
void merge_alias(Source& s, SourceEntry alias, bool keeps_copy);

}  // namespace vmm::import

namespace vmm::import {

// The DOMAIN operand, lowercased: non-empty, no '/', no blank or control
// byte, not "." or "..". Otherwise Error(permanent, "invalid domain ...").
std::string source_domain(std::string_view domain);

}  // namespace vmm::import
