#include "admin/account_delete.h"

#include <optional>
#include <unordered_set>
#include <utility>

#include "admin/account_lookup.h"
#include "domain/account_name.h"
#include "sys/error.h"
#include "sys/remove_tree.h"

namespace vmm::admin {
namespace {

// An absolute path with "." and empty components dropped; nullopt when it
// holds ".." (we never resolve those, so never remove through them).
std::optional<std::string> normalized(const std::string& path) {
  std::string out;
  std::string_view rest = path;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
    if (part == "..") return std::nullopt;
    if (!part.empty() && part != ".") out += "/" + std::string(part);
  }
  return out.empty() ? "/" : out;
}

// a is b or one of b's ancestors.
bool holds(const std::string& a, const std::string& b) {
  return a == b || (b.starts_with(a) && (a == "/" || b[a.size()] == '/'));
}

struct Other {
  std::string name, dir;  // dir normalized
};

class Deleter {
 public:
  explicit Deleter(const domain::Domain& d) : d_(d) {}

  // Why stored must stay, or "" with relative set to its path below the home.
  std::string why_kept(const std::string& stored, const std::vector<Other>& others,
                       std::string& relative) const {
    std::optional<std::string> path = normalized(d_.absolute(stored));
    std::optional<std::string> home = normalized(d_.home());
    if (!path || !home) return "its path contains '..'";
    if (*path == *home) return "it is the home directory";
    if (!holds(*home, *path)) return "it is outside the home directory";
    relative = path->substr(*home == "/" ? 1 : home->size() + 1);
    std::optional<std::string> user_dir = normalized(d_.absolute(d_.config().dir("user-dir")));
    if (user_dir && holds(*path, *user_dir)) return "it holds the user directory " + *user_dir;
    for (const Other& o : others) {
      if (*path == o.dir) return "it is also the directory of account '" + o.name + "'";
      if (holds(*path, o.dir)) return "it holds the directory of account '" + o.name + "'";
    }
    if (relative.find('/') == std::string::npos) {
      const std::string table = d_.config().str("password-file");
      if (relative.front() == '.' || relative == table + ".cdb" || relative == table + ".lock")
        return "it is a file of the domain itself";
    }
    return "";
  }

  void remove(Deleted& del, const std::vector<Other>& others) const {
    if (del.directory.empty()) return;
    std::string relative;
    del.reason = why_kept(del.directory, others, relative);
    if (!del.reason.empty()) {
      del.outcome = DirOutcome::kept;
      return;
    }
    try {
      // The levels above (users/ may be a symlink to another disk) are the
      // administrator's layout; the account directory itself and everything
      // in it are never followed.
      const std::string path = (d_.home() == "/" ? "" : d_.home()) + "/" + relative;
      del.outcome = sys::remove_tree(path) ? DirOutcome::removed : DirOutcome::none;
    } catch (const Error& e) {
      del.outcome = DirOutcome::failed;
      del.reason = e.what();
    }
  }

 private:
  const domain::Domain& d_;
};

fmt::Record check_deletable(const store::TableSnapshot& table, const std::string& name,
                            bool aliases_only) {
  fmt::Record r = find_account(table, name);
  if (aliases_only && r.has_mailbox)
    throw Error(ErrorClass::permanent, "account '" + name + "' has a mailbox (-D deletes only aliases)");
  return r;
}

}  // namespace

std::vector<Deleted> delete_accounts(const domain::Domain& d, const std::vector<std::string>& names,
                                     bool aliases_only) {
  std::vector<Deleted> out;
  std::unordered_set<std::string> wanted;
  for (const std::string& raw : names) {
    std::string name = domain::account_name(raw);
    if (wanted.insert(name).second) out.push_back({name, "", DirOutcome::none, ""});
  }
  // Checked first so that bad input leaves everything as it was.
  auto check = [&](const store::TableSnapshot& table) {
    for (Deleted& del : out) {
      if (!table.contains(del.name))
        throw Error(ErrorClass::permanent, "account '" + del.name + "' does not exist");
      if (aliases_only) check_deletable(table, del.name, true);
    }
  };
  check(d.table().read());

  std::vector<Other> others;
  d.table().update([&](const store::TableSnapshot& current, store::TableChange& change) {
    check(current);
    others.clear();
    for (Deleted& del : out) {
      fmt::Record r;
      if (current.find(del.name, r) == store::Lookup::found) {
        del.directory = r.directory;
      } else {
        del.outcome = DirOutcome::kept;
        del.reason = "its record does not decode, so its directory is unknown";
      }
      change.remove(del.name);
    }
    current.for_each([&](std::string_view key, std::string_view raw) {
      if (wanted.contains(store::table_key(key))) return true;
      try {
        fmt::Record r = fmt::decode_record(raw);
        if (r.directory.empty()) return true;
        if (auto dir = normalized(d.absolute(r.directory))) others.push_back({std::string(key), *dir});
      } catch (const Error&) {
        // a broken record names no directory we could protect
      }
      return true;
    });
  });
  Deleter deleter(d);
  for (Deleted& del : out) {
    deleter.remove(del, others);
    // A later account of the same name must not inherit the time. Only a
    // listing could be wrong if this fails: it is not worth a failure.
    try {
      d.last_logins().forget(del.name);
    } catch (const Error&) {
    }
  }
  return out;
}

}  // namespace vmm::admin
