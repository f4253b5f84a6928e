#include "import/run.h"

#include <optional>

#include "import/mailbox_copy.h"
#include "store/maildir_create.h"
#include "store/maildir_fill.h"
#include "sys/error.h"
#include "sys/remove_tree.h"

namespace vmm::import {
namespace {

Added added_from(const PlannedAccount& a, const MailboxCount& count) {
  Added out;
  out.name = a.name;
  out.where = a.where;
  out.alias = !a.record.has_mailbox;
  out.forwards = a.record.forwards;
  out.messages = count.messages;
  out.folders = count.folders;
  out.warnings = a.warnings;
  for (const std::string& w : count.warnings) out.warnings.push_back(w);
  return out;
}

// After a failure: the directories made here go again, unless the table
// names them after all (a failure after its rename) or cannot be read.
void undo(const domain::Domain& d, const std::vector<std::pair<std::string, std::string>>& made) {
  std::optional<store::TableSnapshot> now;
  try {
    now.emplace(d.table().read());
  } catch (...) {
    return;  // cannot tell: the markers let the next run clean up
  }
  for (const auto& [name, dir] : made) {
    fmt::Record r;
    if (now->find(name, r) != store::Lookup::missing) continue;
    try {
      sys::remove_tree(dir);
    } catch (...) {
      // the run's error is the one to report; the marker is still there
    }
  }
}

}  // namespace

Outcome run_import(const domain::Domain& d, const Source& source, const RunOptions& o) {
  const store::TableSnapshot table = d.table().read();
  Plan plan = make_plan(d, table, source, o.now);
  Outcome out;
  out.skipped = plan.skipped;
  out.done = plan.done;
  if (o.dry_run) {
    for (const PlannedAccount& a : plan.accounts)
      out.added.push_back(added_from(a, bring_mailbox(a.mailbox, o.quoting, o.now, nullptr, "")));
    return out;
  }

  std::vector<std::pair<std::string, std::string>> made;  // account, directory
  try {
    store::NewDirs dirs;
    for (const PlannedAccount& a : plan.accounts) {
      if (!a.record.has_mailbox) {
        out.added.push_back(added_from(a, {}));
        continue;
      }
      const std::string dir = d.absolute(a.record.directory);
      if (a.resume)  // an unfinished import's copy, never in the table: what it holds is checked
        dirs.resume_maildir(dir);
      else
        dirs.create_maildir(dir);
      made.emplace_back(a.name, dir);
      store::mark_incomplete(dir);
      store::MaildirFill fill(dir, o.host, a.resume ? store::FillMode::resume : store::FillMode::fresh);
      MailboxCount count = bring_mailbox(a.mailbox, o.quoting, o.now, &fill, dir);
      store::write_import_record(dir, a.record.password);
      out.added.push_back(added_from(a, count));
    }
    if (!made.empty()) dirs.sync_all();
    if (!plan.accounts.empty()) {
      d.table().update([&](const store::TableSnapshot& current, store::TableChange& change) {
        for (const PlannedAccount& a : plan.accounts) {
          if (current.contains(a.name))
            throw Error(ErrorClass::permanent,
                        "account '" + a.name + "' was added by someone else meanwhile: nothing imported");
          change.put(a.name, a.record);
        }
      });
    }
  } catch (...) {
    undo(d, made);
    throw;
  }
  std::size_t i = 0;
  for (const PlannedAccount& a : plan.accounts) {
    Added& added = out.added[i++];
    if (!a.record.has_mailbox) continue;
    try {
      store::unmark_incomplete(d.absolute(a.record.directory));
    } catch (const Error& e) {
      added.warnings.push_back(std::string("imported, but its marker stays: ") + e.what());
    }
  }
  for (const std::string& dir : plan.finished) {
    try {
      store::unmark_incomplete(dir);
    } catch (const Error&) {
      // an earlier run's leftover: harmless, tried again next time
    }
  }
  return out;
}

}  // namespace vmm::import
