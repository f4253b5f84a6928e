#include "admin/account_rename.h"

#include <ctime>
#include <filesystem>
#include <optional>
#include <utility>

#include "admin/account_lookup.h"
#include "admin/rehash_move.h"
#include "domain/account_name.h"
#include "domain/control_files.h"
#include "domain/login.h"
#include "domain/virtualdomains.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/file_replace.h"

namespace vmm::admin {
namespace {

constexpr std::size_t kJournalMax = 1 << 16;

// What is about to happen, for whoever finds it after a crash. The
// directories are absolute and normal; both empty when the directory stays.
// link is what the symbolic link at new_dir holds.
struct Journal {
  std::string from, to, old_dir, new_dir, link;
};

std::string journal_path(const domain::Domain& d) {
  return d.home() + "/" + d.config().str("password-file") + ".rename";
}

void write_journal(const domain::Domain& d, const Journal& j) {
  const std::string path = journal_path(d);
  for (const std::string* field : {&j.from, &j.to, &j.old_dir, &j.new_dir, &j.link})
    if (field->find('\n') != std::string::npos)
      throw Error(ErrorClass::permanent, "a line break in '" + *field + "' cannot be journaled");
  // One name for the temporary file: only the holder of the lock writes it,
  // and a leftover of a writer that was killed is replaced or removed.
  sys::FileReplacement file(path, path + ".tmp", 0600);
  sys::write_all(file.fd(),
                 j.from + "\n" + j.to + "\n" + j.old_dir + "\n" + j.new_dir + "\n" + j.link + "\n",
                 file.temp());
  file.commit(sys::FileReplacement::Sync::file);
  sys::fsync_dir(d.home());
}

std::optional<Journal> read_journal(const std::string& path) {
  std::string text;
  if (!sys::read_file_if_exists(path, kJournalMax, text)) return std::nullopt;
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) break;
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  if (lines.size() != 5 || at != text.size() || lines[0].empty() || lines[1].empty())
    throw Error(ErrorClass::permanent,
                path + " is not a journal of vrenuser: look at it, then remove it");
  return Journal{lines[0], lines[1], lines[2], lines[3], lines[4]};
}

bool is_our_link(const std::string& path, const Journal& j) {
  std::optional<std::string> held = sys::read_symlink(path);
  return held && *held == j.link;
}

bool is_directory_here(const std::string& path) {  // never through a symlink
  return sys::file_kind(path, sys::Links::no_follow) == sys::FileKind::directory;
}

std::string user_root(const domain::Domain& d) {
  return normal_path(d.absolute(d.config().dir("user-dir")));
}

// Steps 4 and on, from wherever a crash left them: every step looks first.
void roll_forward(const domain::Domain& d, const Journal& j) {
  if (!j.new_dir.empty()) {
    if (is_our_link(j.new_dir, j) && is_directory_here(j.old_dir)) {
      if (!sys::exchange_paths(j.old_dir, j.new_dir)) {
        // No exchange on this file system: a moment without the new place
        // (a delivery then fails temporarily and is retried).
        sys::remove_file(j.new_dir);
        sys::rename_no_replace(j.old_dir, j.new_dir);
      }
    } else if (sys::file_kind(j.new_dir, sys::Links::no_follow) == sys::FileKind::missing &&
               is_directory_here(j.old_dir)) {
      sys::rename_no_replace(j.old_dir, j.new_dir);  // the fallback above was cut short
    }
    if (is_our_link(j.old_dir, j)) sys::remove_file(j.old_dir);  // exchanged: the old place holds it
    sys::fsync_dir(sys::directory_of(j.new_dir));
    if (is_directory_here(sys::directory_of(j.old_dir))) sys::fsync_dir(sys::directory_of(j.old_dir));
    remove_empty_parents(j.old_dir, user_root(d));
  }
  d.last_logins().rename(j.from, j.to);
}

void roll_back(const domain::Domain& d, const Journal& j) {
  if (j.new_dir.empty()) return;
  if (is_our_link(j.new_dir, j)) sys::remove_file(j.new_dir);
  remove_empty_parents(j.new_dir, user_root(d));
}

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

// Where the account's directory goes, or nothing (new_dir empty, note why).
struct DirPlan {
  std::string stored_new, old_abs, new_abs, note;
};

DirPlan plan_dir(const domain::Domain& d, const std::string& from, const std::string& to,
                 const std::string& stored) {
  DirPlan p;
  if (stored.empty()) return p;
  const std::string old_abs = normal_path(d.absolute(stored));
  const std::string root = user_root(d);
  std::string from_dir = from;
  for (char& c : from_dir)
    if (c == '.') c = ':';
  const bool standard = old_abs == normal_path(d.absolute(d.new_account_dir(from))) ||
                        (is_below(old_abs, root) &&
                         old_abs.substr(old_abs.rfind('/') + 1) == from_dir);
  if (!standard) {
    p.note = "directory " + stored + " is not where new accounts of this name go; left where it is";
    return p;
  }
  p.stored_new = d.new_account_dir(to);
  p.old_abs = old_abs;
  p.new_abs = normal_path(d.absolute(p.stored_new));
  if (sys::file_kind(p.new_abs, sys::Links::no_follow) != sys::FileKind::missing)
    throw Error(ErrorClass::permanent, "directory " + p.new_abs + " already exists");
  if (!is_directory_here(old_abs))
    throw Error(ErrorClass::permanent,
                "directory " + old_abs + " of account " + in_quotes(from) + " is missing");
  return p;
}

}  // namespace

std::optional<std::vector<std::string>> renamed_forwards(const std::vector<std::string>& forwards,
                                                         const std::string& from,
                                                         const std::string& to,
                                                         const std::vector<std::string>& domains) {
  std::vector<std::string> out;
  bool changed = false;
  for (const std::string& f : forwards) {
    std::string now = f;
    const std::size_t at = f.find('@');
    const std::string local = domain::lowercase(f.substr(0, at));
    if (local == from) {
      if (at == std::string::npos) {
        now = to;
      } else {
        const std::string dom = domain::lowercase(f.substr(at + 1));
        for (const std::string& mine : domains)
          if (!dom.empty() && dom == mine) now = to + f.substr(at);
      }
    }
    if (now == f) {
      out.push_back(f);
      continue;
    }
    changed = true;
    bool present = false;
    for (const std::string& o : out) present = present || o == now;
    for (const std::string& o : forwards) present = present || o == now;
    if (!present) out.push_back(now);
  }
  if (!changed) return std::nullopt;
  return out;
}

std::vector<std::string> domains_of_home(const domain::Domain& d, const domain::UserDb& users) {
  // The text itself (no index): every domain of the base user is listed.
  const domain::ControlFiles control =
      domain::read_control(domain::ControlPaths{d.config().dir("qmail-root"), ""}, std::time(nullptr));
  const std::string home = normal_path(d.home());
  std::vector<std::string> out;
  for (const std::string& base : control.virtualdomains.bases()) {
    std::optional<domain::BaseUser> user = users.find(base);
    if (!user || normal_path(user->home) != home) continue;
    for (std::string& key : control.virtualdomains.domains_of(base))
      if (key.front() != '.') out.push_back(std::move(key));
  }
  return out;
}

std::string finish_interrupted_rename_unlocked(const domain::Domain& d) {
  const std::string path = journal_path(d);
  sys::remove_file(path + ".tmp");  // a journal never finished: nothing was done after it
  std::optional<Journal> j = read_journal(path);
  if (!j) return "";
  const store::TableSnapshot table = d.table().read();
  const bool has_from = table.contains(j->from), has_to = table.contains(j->to);
  std::string done;
  if (has_to && !has_from) {
    roll_forward(d, *j);
    done = "finished renaming " + in_quotes(j->from) + " to " + in_quotes(j->to);
  } else if (has_from && !has_to) {
    roll_back(d, *j);
    done = "undid the unfinished renaming of " + in_quotes(j->from) + " to " + in_quotes(j->to);
  } else {
    done = "left the unfinished renaming of " + in_quotes(j->from) + " to " + in_quotes(j->to) +
           " as it was: the table holds " + (has_from ? "both names" : "neither name");
  }
  sys::remove_file(path);
  sys::fsync_dir(d.home());
  return done;
}

Renamed rename_account(const domain::Domain& d, const std::string& from_raw,
                       const std::string& to_raw, const std::vector<std::string>& domains) {
  Renamed out;
  out.from = domain::account_name(from_raw);
  out.to = domain::account_name(to_raw);
  if (out.from == out.to)
    throw Error(ErrorClass::permanent, "account " + in_quotes(out.to) + " already exists");

  store::Table table = d.table();
  const store::TableLock lock = table.lock();
  out.finished = finish_interrupted_rename_unlocked(d);

  const store::TableSnapshot before = table.read();
  fmt::Record record = find_account(before, out.from);
  if (before.contains(out.to))
    throw Error(ErrorClass::permanent, "account " + in_quotes(out.to) + " already exists");
  const DirPlan plan = plan_dir(d, out.from, out.to, record.directory);
  out.old_dir = record.directory;
  out.new_dir = plan.new_abs.empty() ? record.directory : plan.stored_new;
  out.dir_note = plan.note;

  Journal j{out.from, out.to, plan.old_abs, plan.new_abs, ""};
  if (!plan.new_abs.empty())
    j.link = std::filesystem::path(plan.old_abs)
                 .lexically_relative(sys::directory_of(plan.new_abs))
                 .string();
  write_journal(d, j);
  try {
    if (!plan.new_abs.empty()) {
      make_parents(normal_path(d.home()), plan.new_abs);
      sys::make_symlink(j.link, plan.new_abs);
      sys::fsync_dir(sys::directory_of(plan.new_abs));
    }
    table.update_unlocked([&](const store::TableSnapshot& current, store::TableChange& change) {
      current.for_each([&](std::string_view key, std::string_view raw) {
        const std::string name = store::table_key(key);
        fmt::Record r;
        try {
          r = fmt::decode_record(raw);
        } catch (const Error& e) {
          out.problems.push_back("account " + in_quotes(name) + ": " + e.what() +
                                 "; its forwards were not looked at");
          return true;
        }
        std::optional<std::vector<std::string>> fw =
            renamed_forwards(r.forwards, out.from, out.to, domains);
        if (fw) r.forwards = std::move(*fw);
        if (name == out.from) {
          r.directory = out.new_dir;
          change.remove(out.from);
          change.put(out.to, r);
          if (fw) out.forwarders.push_back(out.to);
        } else if (fw) {
          change.put(name, r);
          out.forwarders.push_back(name);
        }
        return true;
      });
    });
  } catch (...) {
    // The table decides: still the old name (undo) or already the new one.
    try {
      finish_interrupted_rename_unlocked(d);
    } catch (const Error&) {
      // the journal stays: the next vrenuser finishes the job
    }
    throw;
  }
  finish_interrupted_rename_unlocked(d);
  return out;
}

}  // namespace vmm::admin
