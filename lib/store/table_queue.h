// Group commit for the account table. Rewriting a table costs the same for
// one changed record as for many (every record is copied, the file synced),
// so writers that would queue for the lock one after the other leave their
// change in a queue instead, and whichever writer holds the lock applies
// every queued change in its own rewrite, each with its own outcome.
//
// The queue is the directory home/<base>.queue (0700, the table owner's),
// one file per change, named ID (unique, in time order):
//   ID.t    being written by its requester (renamed to ID when complete)
//   ID      waiting; the requester may still take it back (unlink)
//   ID.c    claimed by the lock holder (rename, so exactly one of the two
//           wins); left behind by a writer that died it is applied again
//           by the next one, which is harmless: an edit only sets fields
//   ID.r    the outcome, written only after the table holding the change is
//           durable (file and directory synced); the requester removes ID.c
//           and then ID.r before it reports success, so a change it reported
//           can never be applied a second time over a later one.
// A crash anywhere leaves the old table or the new one, and every change
// not yet reported still queued or applied. See Table::edit.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/record_edit.h"
#include "store/table.h"
#include "sys/fd.h"

namespace vmm::store {

struct QueueOutcome {
  bool applied = false;
  std::string error;  // why not: the permanent error, as find_account says it
};

// Applies edits on top of current and what change already holds, all or
// nothing: a missing account is Error(permanent, "account 'NAME' does not
// exist"), a record that does not decode Error(permanent, "account 'NAME':
// <what is wrong>"), and then change is left as it was.
void apply_edits(const TableSnapshot& current, TableChange& change, const Edits& edits);

class ChangeQueue {
 public:
  explicit ChangeQueue(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }

  // The requester's side. submit creates the directory when missing and
  // returns the change's ID.
  std::string submit(const Edits& edits);
  // The outcome once it is there; ID.c and ID.r are then removed.
  std::optional<QueueOutcome> take_outcome(const std::string& id);
  // Takes a waiting change back: true when it was still waiting (no writer
  // will apply it now), false when a writer claimed it or it is gone.
  bool withdraw(const std::string& id);
  // ID waiting or claimed.
  bool known(const std::string& id);

  struct Item {
    std::string id;
    Edits edits;
    QueueOutcome outcome;  // set by the committer
    bool own_claim = false;  // claimed now (not left by a writer that died)
  };

  // The committer's side, under the table lock.
  class Batch {
   public:
    Batch() = default;
    Batch(Batch&&) = default;
    Batch& operator=(Batch&&) = default;
    // Not finished (the table was not replaced): the changes claimed now
    // wait again, for their requesters to retry or take back.
    ~Batch();
    std::vector<Item>& items() { return items_; }
    // After the table is durable: every outcome written, its claim removed.
    // Best effort: what cannot be written stays claimed and is applied
    // again by the next writer.
    void finish();

   private:
    friend class ChangeQueue;
    sys::Fd dir_;
    std::vector<Item> items_;
    bool finished_ = false;
  };

  // Every change left claimed by a writer that died, then every waiting
  // one, in ID order. Changes this process may not read (another owner's)
  // are left waiting; one that does not decode gets that as its outcome.
  // Leftover temporary files and outcomes over an hour old are removed.
  Batch claim();

 private:
  sys::Fd open_dir(bool create);

  std::string dir_;
};

}  // namespace vmm::store
