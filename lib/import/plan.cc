#include "import/plan.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "domain/account_name.h"
#include "domain/password.h"
#include "fmt/mbox.h"
#include "store/maildir_fill.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::import {
namespace {

// Hashes that say "no password" rather than being one.
bool no_hash(const std::string& h) { return h.empty() || h == "x" || h == "*" || h == "!" || h == "!!"; }

bool has_control(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

std::string maildir_problem(const std::string& path) {
  sys::FileKind kind = sys::file_kind(path, sys::Links::follow);
  if (kind == sys::FileKind::missing) return "";
  if (kind != sys::FileKind::directory) return path + " is not a Maildir (not a directory)";
  try {
    for (const char* sub : {"/cur", "/new"}) sys::dir_entries(path + sub);
  } catch (const Error& e) {
    if (e.cls() == ErrorClass::temporary) throw;
    return e.what();
  }
  return "";
}

// "FILE:LINE" -> (FILE, LINE); a place without a line number has line 0.
std::pair<std::string_view, unsigned long> place_of(std::string_view where) {
  std::size_t colon = where.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == where.size()) return {where, 0};
  unsigned long line = 0;
  for (char c : where.substr(colon + 1)) {
    if (c < '0' || c > '9') return {where, 0};
    line = line * 10 + static_cast<unsigned long>(c - '0');
  }
  return {where.substr(0, colon), line};
}

// The skipped lines in the order of the files as the source read them,
// then by line: the report reads like the old system's files.
void sort_by_place(std::vector<Skipped>& skipped, const Source& source) {
  std::unordered_map<std::string, std::size_t> rank;
  auto see = [&](const std::string& where) { rank.emplace(std::string(place_of(where).first), rank.size()); };
  for (const SourceEntry& e : source.entries) see(e.where);
  for (const SourceProblem& p : source.problems) see(p.where);
  for (const Skipped& s : skipped) see(s.where);
  std::stable_sort(skipped.begin(), skipped.end(), [&](const Skipped& a, const Skipped& b) {
    auto [fa, la] = place_of(a.where);
    auto [fb, lb] = place_of(b.where);
    std::size_t ra = rank.at(std::string(fa)), rb = rank.at(std::string(fb));
    return ra != rb ? ra < rb : la < lb;
  });
}

// What a name already in the table is to this import: "" when it is this
// import's own work (done), otherwise why the line is skipped.
std::string existing_problem(const domain::Domain& d, const store::TableSnapshot& table, const SourceEntry& e,
                             const std::string& name, std::vector<std::string>& finished) {
  fmt::Record existing;
  if (table.find(name, existing) != store::Lookup::found) return "account '" + name + "' already exists";
  if (e.alias) {
    if (existing.has_mailbox) return "'" + name + "' already exists as an account";
    if (existing.forwards != e.forwards) return "alias '" + name + "' already exists with other forwards";
    return "";
  }
  if (!existing.has_mailbox) return "'" + name + "' already exists as an alias";
  const std::string dir = d.absolute(existing.directory);
  std::optional<std::string> imported = store::read_import_record(dir);
  if (!imported) return "account '" + name + "' already exists (not made by vimport)";
  const bool same = !e.clear.empty()
                        ? domain::check_password(*imported, e.clear) == domain::PasswordCheck::match
                        : domain::equal_constant_time(*imported, no_hash(e.hash) ? "*" : e.hash);
  if (!same) return "account '" + name + "' was imported from another password than the source has now";
  if (store::has_incomplete_marker(dir)) finished.push_back(dir);
  return "";
}

struct Candidate {
  const SourceEntry* entry;
  PlannedAccount planned;
  std::vector<std::string> local_forwards;  // keys of the forwards naming accounts
  bool ok = true;
};

}  // namespace

std::string mbox_problem(const std::string& path) {
  sys::FileKind kind = sys::file_kind(path, sys::Links::follow);
  if (kind == sys::FileKind::missing) return "";
  if (kind == sys::FileKind::directory) return path + " is a directory, not an mbox";
  try {
    sys::MappedFile file(path);
    fmt::MboxReader reader(file.bytes());
    fmt::MboxMessage first;
    reader.next(first);
  } catch (const Error& e) {
    if (e.cls() == ErrorClass::temporary) throw;
    std::string why = e.what();
    return why.starts_with("unable to") ? why : path + ": " + why;
  }
  return "";
}

Plan make_plan(const domain::Domain& d, const store::TableSnapshot& table, const Source& source,
               std::time_t now) {
  Plan plan;
  for (const SourceProblem& p : source.problems) plan.skipped.push_back({p.where, p.name, p.why});
  const std::string catch_all = d.config().str("default-username");

  std::vector<Candidate> candidates;
  std::unordered_map<std::string, std::string> first_at;  // name -> where
  for (const SourceEntry& e : source.entries) {
    const std::string shown = e.catch_all ? catch_all : e.name;
    auto skip = [&](const std::string& why) { plan.skipped.push_back({e.where, shown, why}); };
    try {
      Candidate c{&e, {}, {}, true};
      PlannedAccount& a = c.planned;
      a.name = domain::account_name(shown);
      a.where = e.where;
      a.warnings = e.warnings;
      if (auto it = first_at.find(a.name); it != first_at.end()) {
        skip("the name is given twice (first at " + it->second + ")");
        continue;
      }
      first_at.emplace(a.name, e.where);
      const std::string dir = e.alias ? "" : d.new_account_dir(a.name);
      if (table.contains(a.name)) {
        std::string why = existing_problem(d, table, e, a.name, plan.finished);
        if (why.empty())
          plan.done.push_back({e.where, a.name, e.alias});
        else
          skip(why);
        continue;
      }
      fmt::Record& r = a.record;
      r.has_mailbox = !e.alias;
      r.mailbox_enabled = true;
      r.ctime = now < 0 ? 0 : static_cast<std::uint64_t>(now);
      r.hard_quota = e.hard_quota;
      r.msg_count = e.msg_count;
      r.forwards = e.forwards;
      if (e.alias) {
        r.password = "*";
        if (r.forwards.empty()) {
          skip("it forwards nowhere");
          continue;
        }
      } else if (no_hash(e.hash)) {
        r.password = "*";
        a.warnings.push_back("the source has no password for it: it comes in locked (set one with vpasswd)");
      } else if (!domain::valid_password_hash(e.hash)) {
        skip("its password hash is not printable ASCII without blanks");
        continue;
      } else {
        r.password = e.hash;
      }
      if (has_control(e.personal))
        a.warnings.push_back("its personal information holds control characters: left out");
      else
        r.personal = e.personal;
      for (const std::string& f : r.forwards) {
        if (f.find('@') != std::string::npos) {
          domain::check_forward(f, table);
        } else {
          if (!domain::is_valid_account_name(f))
            throw Error(ErrorClass::permanent, "invalid forward '" + f + "': it is not a valid account name");
          c.local_forwards.push_back(store::table_key(f));
        }
      }
      if (!e.alias) {
        r.directory = dir;
        const std::string absolute = d.absolute(dir);
        if (sys::file_kind(absolute, sys::Links::no_follow) != sys::FileKind::missing) {
          if (!store::has_incomplete_marker(absolute)) {
            skip("directory " + absolute + " already exists");
            continue;
          }
          a.resume = true;
        }
        a.mailbox = e.mailbox;
        std::string why = e.mailbox.kind == Mailbox::mbox      ? mbox_problem(e.mailbox.path)
                          : e.mailbox.kind == Mailbox::maildir ? maildir_problem(e.mailbox.path)
                                                               : "";
        if (!why.empty()) {
          skip("its mailbox cannot be read: " + why);
          continue;
        }
      }
      candidates.push_back(std::move(c));
    } catch (const Error& err) {
      if (err.cls() == ErrorClass::temporary) throw;
      skip(err.what());
    }
  }

  // A forward naming an account must name one that is there or comes now;
  // dropping one name may drop what forwards to it, until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    std::unordered_set<std::string> names;
    for (const Candidate& c : candidates)
      if (c.ok) names.insert(c.planned.name);
    for (Candidate& c : candidates) {
      if (!c.ok) continue;
      for (const std::string& f : c.local_forwards) {
        if (names.contains(f) || table.contains(f)) continue;
        c.ok = false;
        changed = true;
        plan.skipped.push_back({c.planned.where, c.planned.name,
                                "it forwards to '" + f + "', which is neither an account here nor imported"});
        break;
      }
    }
  }
  for (Candidate& c : candidates)
    if (c.ok) plan.accounts.push_back(std::move(c.planned));
  sort_by_place(plan.skipped, source);
  return plan;
}

}  // namespace vmm::import
