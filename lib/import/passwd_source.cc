#include "import/passwd_source.h"

#include <unordered_map>

#include "import/sendmail_aliases.h"
#include "store/table.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::import {
namespace {

std::string place(const std::string& file, std::size_t line) { return file + ":" + std::to_string(line); }

bool skipped_line(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t");
  return first == std::string_view::npos || text[first] == '#';
}

// NAME -> hash from a shadow(5)-format text.
std::unordered_map<std::string, std::string> shadow_hashes(std::string_view text) {
  std::unordered_map<std::string, std::string> hashes;
  for (const TextLine& l : text_lines(text)) {
    if (skipped_line(l.text)) continue;
    std::vector<std::string_view> f = colon_fields(l.text);
    if (f.size() >= 2 && !f[0].empty()) hashes.emplace(std::string(f[0]), std::string(f[1]));
  }
  return hashes;
}

// A linuxconf alias target as a forward ("" with why set when it is none).
std::string alias_forward(const std::string& target, std::string& why) {
  if (target.starts_with("|")) why = "it delivers to a program (" + target + ")";
  else if (target.starts_with("/")) why = "it delivers to a file (" + target + ")";
  else if (target.starts_with(":include:")) why = "it includes a list file (" + target + ")";
  else return target.starts_with("\\") ? target.substr(1) : target;
  return "";
}

void read_aliases(std::string_view text, const std::string& file, Source& out) {
  for (const AliasEntry& a : parse_aliases(text)) {
    const std::string where = place(file, a.line);
    if (a.name.empty()) {
      out.problems.push_back({where, "", "not an alias line \"NAME: TARGET, ...\""});
      continue;
    }
    SourceEntry alias;
    alias.where = where;
    alias.name = a.name;
    alias.alias = true;
    bool keeps_copy = false, bad = false;
    for (const std::string& t : a.targets) {
      std::string why;
      std::string dest = alias_forward(t, why);
      if (!why.empty()) {
        out.problems.push_back({where, a.name, why});
        bad = true;
        break;
      }
      if (store::table_key(dest) == store::table_key(a.name)) keeps_copy = true;
      else alias.forwards.push_back(dest);
    }
    if (bad) continue;
    if (a.targets.empty()) {
      out.problems.push_back({where, a.name, "the alias has no target"});
      continue;
    }
    merge_alias(out, std::move(alias), keeps_copy);
  }
}

std::string read_text(const std::string& path) { return sys::read_file(path, kMaxSourceFile); }

}  // namespace

void read_passwd_lines(std::string_view text, const std::string& file, const std::string& spool,
                       Source& out) {
  for (const TextLine& l : text_lines(text)) {
    if (skipped_line(l.text)) continue;
    std::vector<std::string_view> f = colon_fields(l.text);
    const std::string where = place(file, l.number);
    if (f.size() < 2 || f[0].empty()) {
      out.problems.push_back({where, f.size() >= 2 ? "" : std::string(l.text),
                              "not a passwd line \"NAME:HASH[:UID:GID:GECOS:HOME:SHELL]\""});
      continue;
    }
    SourceEntry e;
    e.where = where;
    e.name = std::string(f[0]);
    e.hash = std::string(f[1]);
    if (f.size() >= 5) e.personal = std::string(f[4]);
    e.mailbox = {Mailbox::mbox, spool + "/" + e.name};
    out.entries.push_back(std::move(e));
  }
}

Source read_pop3d(const SourcePaths& p) {
  const std::string file = p.passwd.value_or(under_root(p.root, "/etc/virtual/" + p.domain + "/passwd"));
  const std::string spool = p.spool.value_or(under_root(p.root, "/var/spool/virtual/" + p.domain));
  Source out;
  out.description = "GNU pop3d / vm-pop3d: " + file + ", mailboxes in " + spool;
  read_passwd_lines(read_text(file), file, spool, out);
  return out;
}

Source read_vpop3d(const SourcePaths& p) {
  const std::string file = p.passwd.value_or(under_root(p.root, "/etc/vmail/passwd." + p.domain));
  const std::string shadow = p.shadow.value_or(under_root(p.root, "/etc/vmail/shadow." + p.domain));
  const std::string aliases = p.aliases.value_or(under_root(p.root, "/etc/vmail/aliases." + p.domain));
  const std::string spool = p.spool.value_or(under_root(p.root, "/var/spool/vmail/" + p.domain));
  Source out;
  out.description = "linuxconf vpop3d: " + file + ", mailboxes in " + spool;
  read_passwd_lines(read_text(file), file, spool, out);
  // The shadow and aliases files are optional: a domain without aliases has
  // none, and a passwd file may hold the hashes itself.
  std::string text;
  std::unordered_map<std::string, std::string> hashes;
  if (sys::read_file_if_exists(shadow, kMaxSourceFile, text)) hashes = shadow_hashes(text);
  std::vector<SourceEntry> kept;
  for (SourceEntry& e : out.entries) {
    auto it = hashes.find(e.name);
    if (it != hashes.end()) {
      e.hash = it->second;
    } else if (e.hash == "x") {
      out.problems.push_back({e.where, e.name, "its hash is in " + shadow + ", which has no line for it"});
      continue;
    }
    kept.push_back(std::move(e));
  }
  out.entries = std::move(kept);
  if (sys::read_file_if_exists(aliases, kMaxSourceFile, text)) read_aliases(text, aliases, out);
  return out;
}

}  // namespace vmm::import
