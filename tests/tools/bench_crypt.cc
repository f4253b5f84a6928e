// bench_crypt: the cost of one password check alone, for bench/run's
// "checkvpw overhead beyond one hash": times domain::check_password (the
// same call checkvpw makes) in-process and prints "MEDIAN MIN MAX" in
// microseconds. RUNS 0: one check in a fresh process, no output, then exec
// PROG (as a checkpassword program runs the next one), so "bench_time
// bench_crypt 0 HASH PW /bin/true" times exec + one cold hash (yescrypt's
// 16 MiB first touched) + exec, what checkvpw pays besides its own work.
// Exit 1 if the password does not match the hash.
//   bench_crypt RUNS HASH PASSWORD [PROG [ARG]...]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "domain/password.h"
#include "sys/error.h"

int main(int argc, char** argv) {
  if (argc < 4 || std::atoi(argv[1]) < 0) {
    std::fputs("usage: bench_crypt RUNS HASH PASSWORD [PROG [ARG]...]\n", stderr);
    return 2;
  }
  int runs = std::atoi(argv[1]);
  std::string hash = argv[2], password = argv[3];
  try {
    std::vector<long> times;
    for (int r = 0; r <= runs; ++r) {  // run 0 is a warm-up
      auto start = std::chrono::steady_clock::now();
      bool ok = vmm::domain::check_password(hash, password) == vmm::domain::PasswordCheck::match;
      auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - start).count();
      if (!ok) {
        std::fputs("bench_crypt: the password does not match the hash\n", stderr);
        return 1;
      }
      if (r > 0) times.push_back(micros);
    }
    if (times.empty()) {
      if (argc > 4) {
        ::execv(argv[4], argv + 4);
        std::perror("bench_crypt: exec");
        return 1;
      }
      return 0;
    }
    std::sort(times.begin(), times.end());
    std::printf("%ld %ld %ld\n", times[times.size() / 2], times.front(), times.back());
  } catch (const vmm::Error& e) {
    std::fprintf(stderr, "bench_crypt: %s\n", e.what());
    return 1;
  }
  return 0;
}
