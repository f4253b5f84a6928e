// One vimport run (SPEC §19): the plan (import/plan.h), then, unless it is
// a dry run, every new Maildir made and filled (each marked unfinished while
// it is), the file systems synced, ONE table update adding every planned
// account and alias, and the markers removed. If anything fails before the
// table names the accounts, the directories made by this run are removed
// again (they only hold copies: the old system is never changed) and nothing
// is added; a run killed before that leaves marked directories, which the
// next run resumes (store/maildir_fill.h). Each account's directory gets
// the record of the hash stored, by which later runs know it (plan.h).
#pragma once
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "domain/domain.h"
#include "fmt/mbox.h"
#include "import/plan.h"
#include "import/source.h"

namespace vmm::import {

struct RunOptions {
  bool dry_run = false;
  fmt::MboxQuoting quoting = fmt::MboxQuoting::mboxo;
  std::time_t now = 0;
  std::string host;  // for Maildir names, as store::maildir_host makes it
};

struct Added {
  std::string name, where;
  bool alias = false;
  std::vector<std::string> forwards;
  std::uint64_t messages = 0, folders = 0;
  std::vector<std::string> warnings;
};

struct Outcome {
  std::vector<Added> added;  // (a dry run: what would be) in source order
  std::vector<Done> done;    // there already, as this import makes them
  std::vector<Skipped> skipped;
};

Outcome run_import(const domain::Domain& d, const Source& source, const RunOptions& options);

}  // namespace vmm::import
