#include "import/source.h"

#include "import/passwd_source.h"
#include "import/teapop_source.h"
#include "import/virtusertable_source.h"
#include "import/vpopmail_source.h"

namespace vmm::import {

std::optional<SourceKind> source_kind(std::string_view name) {
  if (name == "pop3d" || name == "vm-pop3d") return SourceKind::pop3d;
  if (name == "vpop3d" || name == "linuxconf") return SourceKind::vpop3d;
  if (name == "teapop") return SourceKind::teapop;
  if (name == "vpopmail") return SourceKind::vpopmail;
  if (name == "virtusertable" || name == "sendmail") return SourceKind::virtusertable;
  return std::nullopt;
}

Source read_source(SourceKind kind, const SourcePaths& paths) {
  switch (kind) {
    case SourceKind::pop3d: return read_pop3d(paths);
    case SourceKind::vpop3d: return read_vpop3d(paths);
    case SourceKind::teapop: return read_teapop(paths);
    case SourceKind::vpopmail: return read_vpopmail(paths);
    case SourceKind::virtusertable: return read_virtusertable(paths);
  }
  return {};
}

std::vector<TextLine> text_lines(std::string_view text) {
  std::vector<TextLine> lines;
  std::size_t number = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({++number, line});
  }
  return lines;
}

std::vector<std::string_view> colon_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  for (;;) {
    std::size_t colon = line.find(':');
    fields.push_back(line.substr(0, colon));
    if (colon == std::string_view::npos) return fields;
    line.remove_prefix(colon + 1);
  }
}

std::string under_root(const std::string& root, const std::string& path) {
  if (root.empty() || root == "/") return path;
  std::string r = root;
  while (r.size() > 1 && r.back() == '/') r.pop_back();
  return r + path;
}

}  // namespace vmm::import

#include "store/table.h"

namespace vmm::import {

void merge_alias(Source& s, SourceEntry alias, bool keeps_copy) {
  const std::string key = store::table_key(alias.name);
  for (SourceEntry& e : s.entries) {
    if (e.alias || e.catch_all || store::table_key(e.name) != key) continue;
    for (std::string& f : alias.forwards) e.forwards.push_back(std::move(f));
    if (!keeps_copy)
      e.warnings.push_back(alias.where + " forwarded its mail without keeping a copy; here the mailbox keeps one too");
    return;
  }
  s.entries.push_back(std::move(alias));
}

}  // namespace vmm::import

#include "sys/error.h"

namespace vmm::import {

std::string source_domain(std::string_view domain) {
  std::string d = store::table_key(domain);
  bool ok = !d.empty() && d != "." && d != "..";
  for (unsigned char c : d) ok = ok && c > 0x20 && c != 0x7f && c != '/';
  if (!ok) throw Error(ErrorClass::permanent, "invalid domain '" + std::string(domain) + "'");
  return d;
}

}  // namespace vmm::import
