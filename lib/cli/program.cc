// The one library file that writes diagnostics: it is what mains call at their edge.
#include "cli/program.h"

#include <cstdio>
#include <exception>

namespace vmm::cli {

int ExitCodes::of(ErrorClass c) const {
  switch (c) {
    case ErrorClass::usage: return usage;
    case ErrorClass::bad_login: return bad_login;
    case ErrorClass::permanent: return permanent;
    case ErrorClass::temporary: return temporary;
  }
  return temporary;
}

int ExitCodes::of(const Error& e) const {
  if (refine)
    if (int code = refine(e)) return code;
  return of(e.cls());
}

static void put(const std::string& line) {
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

void say(const char* prog, const std::string& message) { put(std::string(prog) + ": " + message + "\n"); }

void warn(const char* prog, const std::string& message) {
  put(std::string(prog) + ": warning: " + message + "\n");
}

void report(const ProgramInfo& info, const Error& e, const std::string& status) {
  const std::string prog = status + info.name;
  switch (e.cls()) {
    case ErrorClass::usage:
      put(prog + ": " + e.what() + "\n" + info.name + ": " + usage_line(info) + "\n");
      return;
    case ErrorClass::bad_login: put(prog + ": login failed: " + e.what() + "\n"); return;
    case ErrorClass::permanent: put(prog + ": fatal: " + e.what() + "\n"); return;
    case ErrorClass::temporary: put(prog + ": fatal: temporary failure: " + e.what() + "\n"); return;
  }
}

int run_main(const ProgramInfo& info, const ExitCodes& codes, const std::function<int()>& body) {
  try {
    return body();
  } catch (const Error& e) {
    report(info, e, codes.status ? codes.status(e) : "");
    return codes.of(e);
  } catch (const std::exception& e) {
    const Error temporary(ErrorClass::temporary, e.what());
    report(info, temporary, codes.status ? codes.status(temporary) : "");
    return codes.temporary;
  }
}

Option quiet_option(bool& quiet) {
  return {0, "quiet", nullptr, "print nothing on success", [&quiet](std::string_view) { quiet = true; }};
}

void check_operands(const std::vector<std::string>& operands, std::size_t min, std::size_t max,
                    const std::string& what) {
  if (operands.size() < min) throw Error(ErrorClass::usage, "missing " + what);
  if (operands.size() > max) throw Error(ErrorClass::usage, "unexpected operand '" + operands[max] + "'");
}

bool parse_or_answer(const ProgramInfo& info, const std::vector<Option>& options, int argc,
                     char** argv, std::vector<std::string>& operands) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Parsed p = parse_options(info, options, args);
  if (p.what != Parsed::run) {
    std::fputs(p.text.c_str(), stdout);
    std::fflush(stdout);
    return false;
  }
  operands = std::move(p.operands);
  return true;
}

}  // namespace vmm::cli
