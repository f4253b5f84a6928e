#include "admin/rehash.h"

#include <set>

#include "admin/rehash_move.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::admin {

namespace {

bool present(const std::string& path) {
  return sys::file_kind(path, sys::Links::no_follow) != sys::FileKind::missing;
}

// Everything one account needs, worked out before anything is touched.
struct Plan {
  std::string name, stored, wanted;  // directories as stored
  std::string from, to;              // the same, absolute and normal
};

class Rehasher {
 public:
  explicit Rehasher(const domain::Domain& d)
      : domain_(d),
        home_(normal_path(d.home())),
        user_root_(normal_path(d.absolute(d.config().dir("user-dir")))) {
    d.new_account_dir("x");  // a bad layout setting stops the run before any move
  }

  // Decides about one account; true when its record must change.
  bool handle(const std::string& name, fmt::Record& r) {
    if (r.directory.empty()) return false;
    Plan p{name, r.directory, domain_.new_account_dir(name), "", ""};
    p.from = normal_path(domain_.absolute(p.stored));
    p.to = normal_path(domain_.absolute(p.wanted));
    if (p.from == p.to) {
      ++report_.in_place;
      return false;
    }
    if (!is_below(p.from, home_)) {
      report_.notes.push_back(about(p) + "directory " + p.stored +
                              " is not inside the base home; left alone");
      return false;
    }
    // Only the hashed tree is ours to rearrange: an account directory that is
    // .vmailmgr, a dot file or anything else outside user-dir stays put (moving
    // .vmailmgr would silently drop the domain's settings).
    if (!is_below(p.from, user_root_)) {
      report_.notes.push_back(about(p) + "directory " + p.stored + " is not under user-dir " +
                              user_root_ + "; left alone");
      return false;
    }
    if (!carry_out(p)) return false;
    r.directory = p.wanted;
    return true;
  }

  RehashReport& report() { return report_; }

  // The renames must be on disk before the table names the new places, or a
  // crash could leave the table pointing at a directory that is not there.
  void sync_moves() const {
    for (const std::string& dir : touched_)
      if (present(dir)) sys::fsync_dir(dir);
  }

 private:
  static std::string about(const Plan& p) { return "account '" + p.name + "': "; }

  // Never merge two directories: one of them may be a stale copy.
  bool both_exist(const Plan& p) {
    report_.failures.push_back(about(p) + "both " + p.stored + " and " + p.wanted +
                               " exist; nothing moved");
    return false;
  }

  bool carry_out(const Plan& p) {
    const bool old_one = present(p.from), new_one = present(p.to);
    if (!old_one) {
      if (!new_one) {
        report_.notes.push_back(about(p) + "directory " + p.stored + " is missing; left alone");
        return false;
      }
      remove_empty_parents(p.from, user_root_);  // the interrupted run may not have
      touch_parents(p.from);
      touch_parents(p.to);
      report_.moved.push_back({p.name, p.stored, p.wanted, false});
      return true;
    }
    if (new_one) return both_exist(p);
    make_parents(home_, p.to);
    if (!sys::rename_no_replace(p.from, p.to)) return both_exist(p);
    remove_empty_parents(p.from, user_root_);
    touch_parents(p.from);
    touch_parents(p.to);
    report_.moved.push_back({p.name, p.stored, p.wanted, true});
    return true;
  }

  // Every directory from path's parent up to the home changed or may have.
  void touch_parents(std::string path) {
    while (is_below(path, home_)) {
      path = path.substr(0, path.rfind('/'));
      touched_.insert(path);
    }
  }

  const domain::Domain& domain_;
  std::string home_, user_root_;
  std::set<std::string> touched_;
  RehashReport report_;
};

}  // namespace

RehashReport rehash_domain(const domain::Domain& d) {
  Rehasher rehasher(d);
  d.table().update([&](const store::TableSnapshot& current, store::TableChange& change) {
    current.for_each([&](std::string_view key, std::string_view raw) {
      std::string name(key);
      try {
        // Such a key is unreachable by name; rewriting it could clash with
        // the lowercased one. vupgrade sorts it out.
        if (name != store::table_key(name))
          throw Error(ErrorClass::permanent, "the name has capital letters; run vupgrade first");
        fmt::Record r = fmt::decode_record(raw);
        if (rehasher.handle(name, r)) change.put(name, r);
      } catch (const Error& e) {
        rehasher.report().failures.push_back("account '" + name + "': " + e.what());
      }
      return true;
    });
    rehasher.sync_moves();
  });
  return std::move(rehasher.report());
}

}  // namespace vmm::admin
