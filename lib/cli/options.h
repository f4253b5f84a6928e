// GNU-style option parsing driven by one table per program: the same table
// gives parsing and --help, and tests/e2e/man/synopsis.t checks each man
// page's SYNOPSIS and OPTIONS against that --help.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace vmm::cli {

struct Option {
  char short_name;        // 0 = none
  const char* long_name;  // nullptr = none
  const char* arg_name;   // nullptr = takes no argument; else shown in --help ("BYTES")
  const char* help;
  std::function<void(std::string_view value)> set;  // called for each occurrence, in order
};

struct ProgramInfo {
  const char* name;      // "vadduser"
  const char* synopsis;  // operands part: "[OPTION]... NAME [ALIAS]..."
  const char* summary;   // one line: what the program does
};

struct Parsed {
  enum What { run, help, version } what = run;
  std::vector<std::string> operands;
  std::string text;  // --help or --version output, ending in '\n'
};

// Bundled short options (-Dq), "-zVALUE" and "-z VALUE", "--long=value" and
// "--long value", "--" ends options, a lone "-" is an operand, options and
// operands may mix (GNU order). --help and --version are built in.
// Unknown option, missing or unexpected argument: Error(ErrorClass::usage, ...).
Parsed parse_options(const ProgramInfo& info, const std::vector<Option>& options,
                     const std::vector<std::string>& args);  // args excludes argv[0]

std::string usage_line(const ProgramInfo& info);  // "usage: NAME [OPTION]... ..."
std::string help_text(const ProgramInfo& info, const std::vector<Option>& options);

}  // namespace vmm::cli
