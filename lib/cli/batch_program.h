// The main of the batch tools (vaddusers, vpasswds, SPEC §8): options
// --hashed and --quiet, no operands, the domain of $HOME, standard input read
// whole (and wiped), then one "PROG: line N: problem" per bad line and, unless
// quiet, one message per change. Exit 1 when any line was bad.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "admin/account_batch.h"
#include "cli/options.h"
#include "domain/domain.h"

namespace vmm::cli {

struct BatchOutcome {
  std::vector<std::string> problems;  // "line N: ..." each
  std::vector<std::string> changes;   // success messages, in input order
};

// Applies the whole input in one table update.
using BatchBody = std::function<BatchOutcome(const domain::Domain& d, const std::string& input,
                                             const admin::HashFn& hash)>;

// hash is domain::hash_new_password, or admin::keep_hash with --hashed.
int run_batch_program(const ProgramInfo& info, int argc, char** argv, const BatchBody& body);

// The --hashed option: sets hash to admin::keep_hash.
Option hashed_option(admin::HashFn& hash);

}  // namespace vmm::cli
