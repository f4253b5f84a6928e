// The report of a vimport run, one line per account, alias, warning and
// skipped line of the source (the program prints them), and a summary.
#pragma once
#include <string>
#include <vector>

#include "import/run.h"

namespace vmm::import {

// "WHERE: added account joe: 12 messages", "WHERE: added alias sales -> joe,
// ann@example.org", "WHERE: warning: joe: ...", "WHERE: skipped 'x': why";
// "WHERE: already imported account joe" (or alias); a dry run says "would
// add". Added accounts and aliases first (source order), each followed by
// its warnings, then those already imported, then the skipped lines. quiet
// leaves out what was added or already there (warnings and skips stay).
std::vector<std::string> report_lines(const Outcome& outcome, bool dry_run, bool quiet);

// "3 accounts and 1 alias added, 2 skipped" (or "would be added"), with
// ", 4 already imported" before the skipped count when there are such.
std::string report_summary(const Outcome& outcome, bool dry_run);

}  // namespace vmm::import
