// loose_date: reads date texts, one per line, and prints for each what
// fmt::parse_loose_date makes of it: the unix time, or "undef". With
// NOW=SECONDS in the environment that is the current time it assumes.
// tests/e2e/vimport/date_parse.t compares it with Perl's Date::Parse.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>

#include "fmt/loose_date.h"

int main() {
  std::time_t now = std::getenv("NOW") ? std::atoll(std::getenv("NOW")) : std::time(nullptr);
  std::string line;
  while (std::getline(std::cin, line)) {
    auto t = vmm::fmt::parse_loose_date(line, now);
    if (t)
      std::cout << *t << '\n';
    else
      std::cout << "undef\n";
  }
  return 0;
}
