#include "import/virtusertable_source.h"

#include <unordered_map>

#include "store/table.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::import {
namespace {

struct SystemUser {
  std::string hash, gecos;
};

// The system users, read when the first local target needs them.
class SystemUsers {
 public:
  SystemUsers(std::string passwd, std::string shadow)
      : passwd_(std::move(passwd)), shadow_(std::move(shadow)) {}

  // nullptr: no such user (or the files cannot be read: problem() says so).
  const SystemUser* find(const std::string& name) {
    load();
    auto it = users_.find(name);
    return it == users_.end() ? nullptr : &it->second;
  }
  const std::string& problem() const { return problem_; }

 private:
  void load() {
    if (loaded_) return;
    loaded_ = true;
    std::unordered_map<std::string, std::string> shadow;
    std::string text;
    try {
      text = sys::read_file(passwd_, kMaxSourceFile);
      for (const TextLine& l : text_lines(text)) {
        std::vector<std::string_view> f = colon_fields(l.text);
        if (f.size() < 2 || f[0].empty() || l.text.front() == '#') continue;
        users_.emplace(std::string(f[0]), SystemUser{std::string(f[1]), f.size() >= 5 ? std::string(f[4]) : ""});
      }
      bool need_shadow = false;
      for (const auto& [name, user] : users_) need_shadow = need_shadow || user.hash == "x";
      if (!need_shadow) return;
      text = sys::read_file(shadow_, kMaxSourceFile);
      for (const TextLine& l : text_lines(text)) {
        std::vector<std::string_view> f = colon_fields(l.text);
        if (f.size() < 2 || f[0].empty()) continue;
        auto it = users_.find(std::string(f[0]));
        if (it != users_.end() && it->second.hash == "x") it->second.hash = std::string(f[1]);
      }
    } catch (const Error& e) {
      if (e.cls() == ErrorClass::temporary) throw;
      problem_ = e.what();
    }
  }

  std::string passwd_, shadow_, problem_;
  bool loaded_ = false;
  std::unordered_map<std::string, SystemUser> users_;
};

std::string_view trim(std::string_view s) {
  std::size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

Source read_virtusertable(const SourcePaths& p) {
  const std::string file = p.table.value_or(under_root(p.root, "/etc/mail/virtusertable"));
  const std::string spool = p.spool.value_or(under_root(p.root, "/var/spool/mail"));
  SystemUsers users(p.passwd.value_or(under_root(p.root, "/etc/passwd")),
                    p.shadow.value_or(under_root(p.root, "/etc/shadow")));
  Source out;
  out.description = "sendmail virtusertable: " + file + ", system mailboxes in " + spool;
  const std::string text = sys::read_file(file, kMaxSourceFile);
  std::unordered_map<std::string, std::string> account_of_user;  // system user -> account name
  const std::string suffix = "@" + p.domain;
  for (const TextLine& l : text_lines(text)) {
    std::string_view line = trim(l.text);
    if (line.empty() || line.front() == '#') continue;
    std::size_t blank = line.find_first_of(" \t");
    std::string key = store::table_key(line.substr(0, blank));
    if (!key.ends_with(suffix)) continue;  // another domain's line
    const std::string where = file + ":" + std::to_string(l.number);
    const bool catch_all = key.size() == suffix.size();
    // The name keeps the case of the file; the plan lowercases it.
    std::string name(line.substr(0, key.size() - suffix.size()));
    const std::string shown = catch_all ? "(catch-all)" : name;
    std::string target = blank == std::string_view::npos ? "" : std::string(trim(line.substr(blank)));
    auto problem = [&](const std::string& why) { out.problems.push_back({where, shown, why}); };
    if (target.empty()) {
      problem("no target");
      continue;
    }
    if (target.starts_with("error:")) {
      problem("sendmail refused mail to it (" + target + "); an alias cannot say that");
      continue;
    }
    if (target.find('%') != std::string::npos || target.front() == '@') {
      problem("the target " + target + " uses sendmail's %N substitution, which an alias cannot express");
      continue;
    }
    if (name.find_first_of("*+") != std::string::npos && !catch_all) {
      problem("a +detail or wildcard key is not imported");
      continue;
    }
    SourceEntry e;
    e.where = where;
    e.name = name;
    e.catch_all = catch_all;
    e.alias = true;
    if (target.find('@') != std::string::npos) {
      e.forwards.push_back(target);
      out.entries.push_back(std::move(e));
      continue;
    }
    if (auto it = account_of_user.find(target); it != account_of_user.end()) {
      e.forwards.push_back(it->second);  // that user's mailbox is an account already
      out.entries.push_back(std::move(e));
      continue;
    }
    const SystemUser* user = users.find(target);
    if (!user && !users.problem().empty()) {
      problem("the local user " + target + " cannot be looked up: " + users.problem());
      continue;
    }
    if (!user) {
      e.forwards.push_back(target);  // must be an account of the domain (the plan checks)
      out.entries.push_back(std::move(e));
      continue;
    }
    // The system user's mailbox becomes an account. The catch-all gets it
    // under the user's own name, and forwards to it.
    SourceEntry account;
    account.where = where;
    account.name = catch_all ? target : name;
    account.hash = user->hash;
    account.personal = user->gecos;
    account.mailbox = {Mailbox::mbox, spool + "/" + target};
    account_of_user[target] = account.name;
    const std::string account_name = account.name;
    out.entries.push_back(std::move(account));
    if (catch_all) {
      e.forwards.push_back(account_name);
      out.entries.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace vmm::import
