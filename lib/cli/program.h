// The edge between a program's main and the library: diagnostics in one
// grammar ("PROG: fatal: ...", "PROG: warning: ...", "PROG: usage: ...") and
// the one map per program from error class to exit code.
#pragma once
#include <functional>
#include <string>

#include "cli/options.h"
#include "sys/error.h"

namespace vmm::cli {

struct ExitCodes {
  int usage, bad_login, permanent, temporary;
  // A finer code than the class gives for some errors (vdeliver's refusals
  // under Postfix: 67, 69 or 73); it returns 0 for the class's code.
  std::function<int(const Error&)> refine = {};
  // Text put in front of the diagnostic line ("5.2.2 "): an RFC 3463 status
  // code for a mail system that reads one (Postfix); empty for none.
  std::function<std::string(const Error&)> status = {};
  int of(ErrorClass c) const;
  int of(const Error& e) const;
};

// SPEC §8: 0 success, 1 failure, 2 usage error.
inline const ExitCodes admin_exit_codes{2, 1, 1, 1};

// The one diagnostic for an error, in the suite's grammar: usage errors print
// "PROG: MESSAGE" then "PROG: usage: <synopsis>"; bad logins "PROG: login
// failed: MESSAGE"; temporary ones "PROG: fatal: temporary failure: MESSAGE";
// the rest "PROG: fatal: MESSAGE". status goes in front of the first line.
void report(const ProgramInfo& info, const Error& e, const std::string& status = "");

// Runs body and returns its exit code. A vmm::Error is reported (report) and
// becomes codes.of(it); any other exception is reported as a temporary
// failure.
int run_main(const ProgramInfo& info, const ExitCodes& codes, const std::function<int()>& body);

// Parse options; on --help/--version print the text to stdout and return
// false (the caller exits 0).
bool parse_or_answer(const ProgramInfo& info, const std::vector<Option>& options, int argc,
                     char** argv, std::vector<std::string>& operands);

// The --quiet option of the administration tools.
Option quiet_option(bool& quiet);

// One wording for a wrong operand count in every tool (usage errors):
// fewer than min → "missing <what>", more than max → "unexpected operand 'X'".
inline constexpr std::size_t any_number = static_cast<std::size_t>(-1);
void check_operands(const std::vector<std::string>& operands, std::size_t min, std::size_t max,
                    const std::string& what = "account name");

void say(const char* prog, const std::string& message);   // "PROG: message" on stderr
void warn(const char* prog, const std::string& message);  // "PROG: warning: message"

}  // namespace vmm::cli
