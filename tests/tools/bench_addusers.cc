// bench_addusers: what "vaddusers" would do with ready password hashes,
// for bench/run's figure 5. vaddusers hashes every plaintext password with
// yescrypt (tens of milliseconds each, by design); this runs the same
// action::add_user_lines over "NAME HASH" lines with a hash function that
// only checks the hash's syntax and keeps it. Maildirs and the one table
// rewrite are the real ones.
//   HOME=... bench_addusers < lines        (exit 0, 1: bad lines, 111: failure)
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <string>

#include "action/account_add_users.h"
#include "action/account_batch.h"
#include "action/admin.h"
#include "domain/password.h"
#include "sys/error.h"
#include "sys/fd.h"

int main() {
  using namespace vmm;
  try {
    domain::Domain d = action::domain_from_env();
    std::string input = sys::read_bounded(STDIN_FILENO, action::kMaxBatchBytes, "standard input");
    auto keep_hash = [](std::string_view hash) {
      if (!domain::valid_password_hash(hash)) throw Error(ErrorClass::permanent, "bad hash");
      return std::string(hash);
    };
    action::AddUsersResult result = action::add_user_lines(d, input, std::time(nullptr), keep_hash);
    for (const std::string& problem : result.problems)
      std::fprintf(stderr, "bench_addusers: %s\n", problem.c_str());
    return result.problems.empty() ? 0 : 1;
  } catch (const Error& e) {
    std::fprintf(stderr, "bench_addusers: %s\n", e.what());
    return 111;
  }
}
