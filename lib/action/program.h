// The edge between a program's main and the library: diagnostics in one
// grammar ("PROG: fatal: ...", "PROG: warning: ...", "PROG: usage: ...") and
// the one map per program from error class to exit code.
#pragma once
#include <functional>
#include <string>

#include "action/options.h"
#include "sys/error.h"

namespace vmm::action {

struct ExitCodes {
  int usage, bad_login, permanent, temporary;
  int of(ErrorClass c) const;
};

// SPEC §8: 0 success, 1 failure, 2 usage error.
inline constexpr ExitCodes admin_exit_codes{2, 1, 1, 1};

// Runs body and returns its exit code. A vmm::Error becomes one message on
// stderr and the mapped code: usage errors print "PROG: usage: <synopsis>"
// after the message; temporary ones say "temporary failure". Any other
// exception is reported as a temporary failure.
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

}  // namespace vmm::action
