#include "courier/userinfo.h"

#include "fmt/maildirsize.h"

namespace vmm::courier {

std::string name_value(std::string_view personal) {
  std::string out(personal.substr(0, kMaxNameBytes));
  if (personal.size() > kMaxNameBytes) {
    // Back to the start of the sequence the cut fell into (10xxxxxx are continuation bytes).
    std::size_t end = out.size();
    while (end > 0 && (static_cast<unsigned char>(personal[end]) & 0xC0) == 0x80) --end;
    out.resize(end);
  }
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

Fields userinfo_fields(const auth::VerifiedLogin& login, const domain::Config& global) {
  const domain::BaseUser& base = login.target.base;
  Fields f{
      {"ADDRESS", login.known_as},
      {"USERNAME", base.name},
      {"UID", std::to_string(base.uid)},
      {"GID", std::to_string(base.gid)},
  };
  if (!login.virtual_account()) {
    const std::string rel = global.str("default-maildir");
    f.emplace_back("HOME", base.home);
    f.emplace_back("MAILDIR", !rel.empty() && rel.front() == '/' ? rel : base.home + "/" + rel);
    return f;
  }
  const std::string dir = login.domain->absolute(login.record.directory);
  f.emplace_back("HOME", dir);
  f.emplace_back("MAILDIR", dir);
  const fmt::Record& r = login.record;
  if (r.hard_quota || r.msg_count)
    f.emplace_back("QUOTA", fmt::format_quota_definition({r.hard_quota, r.msg_count}));
  if (!r.personal.empty()) f.emplace_back("NAME", name_value(r.personal));
  return f;
}

}  // namespace vmm::courier
