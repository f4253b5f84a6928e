// The report of a vimport run, one line per account, alias, warning and
// skipped line of the source (the program prints them), and a summary.
#pragma once
#include <string>
#include <vector>

#include "import/run.h"

namespace vmm::import {

// "WHERE: added account joe: 12 messages", "WHERE: added alias sales -> joe,
// ann@example.org", "WHERE: warning: joe: ...", "WHERE: skipped 'x': why";
// a dry run says "would add". Added accounts and aliases first (source
// order), each followed by its warnings, then the skipped lines. quiet
// leaves out what was added (warnings and skips stay).
std::vector<std::string> report_lines(const Outcome& outcome, bool dry_run, bool quiet);

// "3 accounts and 1 alias added, 2 skipped" (or "would be added").
std::string report_summary(const Outcome& outcome, bool dry_run);

}  // namespace vmm::import
