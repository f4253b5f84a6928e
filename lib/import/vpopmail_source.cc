#include "import/vpopmail_source.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include "import/qmail_dotfile.h"
#include "store/table.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::import {
namespace {

constexpr unsigned long kBounceMail = 0x10;  // vpopmail's BOUNCE_MAIL flag

std::string lowered(std::string_view s) { return store::table_key(s); }

std::string without_trailing_slashes(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

class Domain {
 public:
  Domain(const SourcePaths& p, std::string dir) : paths_(p), dir_(std::move(dir)) {}

  // A path as the old system wrote it, relative to the domain directory:
  // the part after "/DOMAIN/", or after "./"; as it is otherwise.
  std::string key(std::string path) const {
    path = without_trailing_slashes(std::move(path));
    if (path.starts_with("./")) return path.substr(2);
    const std::string marker = "/" + paths_.domain + "/";
    std::size_t at = lowered(path).rfind(marker);
    if (at != std::string::npos) return path.substr(at + marker.size());
    return path;
  }

  // Where an account directory of the old system is on this machine.
  std::string local(const std::string& old_dir) const {
    std::string rooted = under_root(paths_.root, old_dir);
    if (sys::is_directory(rooted)) return without_trailing_slashes(rooted);
    std::string k = key(old_dir);
    if (!k.empty() && k.front() != '/') {
      std::string inside = dir_ + "/" + k;
      if (sys::is_directory(inside)) return inside;
    }
    return without_trailing_slashes(rooted);
  }

  const std::string& dir() const { return dir_; }

 private:
  const SourcePaths& paths_;
  std::string dir_;
};

std::string read_optional(const std::string& path) {
  std::string text;
  sys::read_file_if_exists(path, kMaxSourceFile, text);
  return text;
}

// The account's own .qmail: its forwards, and warnings for what is lost.
void apply_user_dot_qmail(const std::string& text, const std::string& own_key, const Domain& dom,
                          SourceEntry& e) {
  if (text.empty()) return;
  DotQmail q = parse_dot_qmail(text);
  bool keeps_copy = false;
  for (const std::string& m : q.maildirs) {
    if (dom.key(m) == own_key || m == "./Maildir/") keeps_copy = true;
    else e.warnings.push_back("its .qmail also delivered to " + m + ", which is not imported");
  }
  for (const std::string& m : q.mboxes) e.warnings.push_back("its .qmail also delivered to the file " + m + ", which is not imported");
  for (const std::string& p : q.programs) e.warnings.push_back("its .qmail ran |" + p + ", which is not imported");
  for (const std::string& f : q.forwards) e.forwards.push_back(f);
  if (!q.forwards.empty() && !keeps_copy)
    e.warnings.push_back("its .qmail forwarded mail without keeping a copy; here the mailbox keeps one too");
}

}  // namespace

VpopmailQuota parse_vpopmail_quota(std::string_view quota) {
  VpopmailQuota q;
  if (quota.empty() || quota == "NOQUOTA") return q;
  std::uint64_t size = 0, count = 0;
  std::string text(quota);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? text.size() + 1 : comma + 1;
    if (part.empty()) continue;
    if (part.back() == 'C') {
      long long n = std::strtoll(part.c_str(), nullptr, 10);
      count = n > 0 ? static_cast<std::uint64_t>(n) : 0;
      continue;
    }
    if (part.back() == 'S' || part.back() == 's') part.pop_back();
    if (!part.empty() && (part.back() == 'B' || part.back() == 'b')) part.pop_back();
    long long n = std::strtoll(part.c_str(), nullptr, 10);
    size = n > 0 ? static_cast<std::uint64_t>(n) : 0;
    if (!part.empty() && (part.back() == 'M' || part.back() == 'm')) size *= 1024 * 1024;
    if (!part.empty() && (part.back() == 'K' || part.back() == 'k')) size *= 1024;
  }
  if (size == 0 && count == 0) {
    q.valid = false;
    return q;
  }
  if (size) q.bytes = size;
  if (count) q.messages = count;
  return q;
}

Source read_vpopmail(const SourcePaths& p) {
  const Domain dom(p, without_trailing_slashes(p.dir.value_or(under_root(p.root, "/home/vpopmail/domains/" + p.domain))));
  const std::string vpasswd = dom.dir() + "/vpasswd";
  Source out;
  out.description = "vpopmail: " + vpasswd;
  const std::string text = sys::read_file(vpasswd, kMaxSourceFile);
  std::unordered_map<std::string, std::string> account_of_key;  // "joe/Maildir" -> joe
  for (const TextLine& l : text_lines(text)) {
    if (l.text.empty() || l.text.front() == '#') continue;
    const std::string where = vpasswd + ":" + std::to_string(l.number);
    std::vector<std::string_view> f = colon_fields(l.text);
    if (f.size() < 6 || f[0].empty() || f[5].empty()) {
      out.problems.push_back({where, f.empty() ? "" : std::string(f[0]),
                              "not a vpasswd line \"NAME:HASH:UID:FLAGS:GECOS:DIR:QUOTA\""});
      continue;
    }
    SourceEntry e;
    e.where = where;
    e.name = std::string(f[0]);
    e.hash = std::string(f[1]);
    e.personal = std::string(f[4]);
    const std::string old_dir(f[5]);
    if (std::strtoul(std::string(f[3]).c_str(), nullptr, 10) & kBounceMail)
      e.warnings.push_back("vpopmail bounced its mail (flag BOUNCE_MAIL); here it is delivered");
    if (f.size() > 6) {
      VpopmailQuota q = parse_vpopmail_quota(f[6]);
      if (!q.valid) e.warnings.push_back("its quota '" + std::string(f[6]) + "' is not understood: none set");
      e.hard_quota = q.bytes;
      e.msg_count = q.messages;
    }
    const std::string local_dir = dom.local(old_dir);
    e.mailbox = {Mailbox::maildir, local_dir + "/Maildir"};
    const std::string own_key = dom.key(old_dir) + "/Maildir";
    account_of_key[dom.key(old_dir)] = e.name;
    account_of_key[own_key] = e.name;
    apply_user_dot_qmail(read_optional(local_dir + "/.qmail"), own_key, dom, e);
    out.entries.push_back(std::move(e));
  }

  auto account_for = [&](const std::string& path) -> std::string {
    auto it = account_of_key.find(dom.key(path));
    return it == account_of_key.end() ? "" : it->second;
  };

  std::vector<sys::DirEntry> files = sys::dir_entries(dom.dir());
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const sys::DirEntry& file : files) {
    std::string name = dot_qmail_name(file.name);
    if (name.empty() || file.type != sys::DirEntry::regular) continue;
    const std::string path = dom.dir() + "/" + file.name;
    DotQmail q = parse_dot_qmail(sys::read_file(path, kMaxSourceFile));
    if (name == "default") {
      if (q.programs.size() != 1 || !q.forwards.empty() || !q.maildirs.empty() || !q.mboxes.empty()) {
        out.problems.push_back({path, "(catch-all)", "it does not just run vdelivermail"});
        continue;
      }
      std::string target = vdelivermail_target(q.programs[0]);
      if (target.empty()) {
        out.problems.push_back({path, "(catch-all)", "it runs |" + q.programs[0] + ", not vdelivermail"});
        continue;
      }
      if (target == "bounce-no-mailbox") continue;  // no catch-all
      SourceEntry c;
      c.where = path;
      c.catch_all = true;
      c.alias = true;
      if (target == "delete") {
        out.problems.push_back({path, "(catch-all)", "vdelivermail deleted mail to unknown addresses; "
                                                     "here it is refused (no catch-all)"});
        continue;
      }
      if (target.find('@') != std::string::npos) {
        c.forwards.push_back(target);
      } else if (std::string owner = account_for(target); !owner.empty()) {
        c.forwards.push_back(owner);
      } else {
        out.problems.push_back({path, "(catch-all)", "it delivers to " + target + ", which is no account's Maildir"});
        continue;
      }
      out.entries.push_back(std::move(c));
      continue;
    }
    if (name.ends_with("-default") || name == "default") {
      out.problems.push_back({path, name, "an extension catch-all (NAME-default) is not imported"});
      continue;
    }
    SourceEntry a;
    a.where = path;
    a.name = name;
    a.alias = true;
    std::string why;
    bool keeps_copy = false;
    if (!q.programs.empty()) why = "it runs |" + q.programs[0] + " (a mailing list or a program)";
    else if (!q.mboxes.empty()) why = "it delivers to the file " + q.mboxes[0];
    for (const std::string& m : q.maildirs) {
      if (!why.empty()) break;
      std::string owner = account_for(m);
      if (owner.empty()) why = "it delivers to " + m + ", which is no account's Maildir";
      else if (store::table_key(owner) == store::table_key(name)) keeps_copy = true;
      else a.forwards.push_back(owner);
    }
    if (!why.empty()) {
      out.problems.push_back({path, name, why});
      continue;
    }
    for (const std::string& f : q.forwards) a.forwards.push_back(f);
    merge_alias(out, std::move(a), keeps_copy);
  }
  return out;
}

}  // namespace vmm::import
