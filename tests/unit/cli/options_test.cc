#include "cli/options.h"

#include <doctest/doctest.h>

#include "sys/error.h"

using vmm::ErrorClass;
using vmm::cli::Option;
using vmm::cli::Parsed;
using vmm::cli::ProgramInfo;
using vmm::cli::parse_options;

namespace {

struct Seen {
  std::vector<std::string> log;
  std::vector<Option> table() {
    return {
        {'D', "no-mailbox", nullptr, "no mailbox", [this](std::string_view) { log.push_back("D"); }},
        {'q', "softquota", "BYTES", "soft quota", [this](std::string_view v) { log.push_back("q=" + std::string(v)); }},
        {'f', "forward", "DEST", "forward", [this](std::string_view v) { log.push_back("f=" + std::string(v)); }},
        {0, "quiet", nullptr, "quiet", [this](std::string_view) { log.push_back("quiet"); }},
    };
  }
};

const ProgramInfo info{"vtest", "[OPTION]... NAME", "Tests the option parser."};

ErrorClass class_of(const std::vector<std::string>& args, std::string* message) {
  Seen s;
  try {
    parse_options(info, s.table(), args);
  } catch (const vmm::Error& e) {
    *message = e.what();
    return e.cls();
  }
  *message = "";
  return ErrorClass::permanent;  // "no error" marker for the tests below
}

}  // namespace

TEST_CASE("options: short, bundled, attached and separate arguments") {
  Seen s;
  Parsed p = parse_options(info, s.table(), {"-Dq5", "joe", "-f", "a@b", "-q", "0", "alias"});
  CHECK(p.what == Parsed::run);
  CHECK(p.operands == std::vector<std::string>{"joe", "alias"});
  CHECK(s.log == std::vector<std::string>{"D", "q=5", "f=a@b", "q=0"});
}

TEST_CASE("options: long forms, --, lone dash, repeats") {
  Seen s;
  Parsed p = parse_options(info, s.table(),
                           {"--softquota=7", "--forward", "x@y", "--quiet", "-", "--", "-D", "--quiet"});
  CHECK(p.operands == std::vector<std::string>{"-", "-D", "--quiet"});
  CHECK(s.log == std::vector<std::string>{"q=7", "f=x@y", "quiet"});
  Seen t;
  parse_options(info, t.table(), {"--softquota="});
  CHECK(t.log == std::vector<std::string>{"q="});
}

TEST_CASE("options: usage errors name the option") {
  std::string m;
  CHECK(class_of({"-x"}, &m) == ErrorClass::usage);
  CHECK(m == "unknown option '-x'");
  CHECK(class_of({"--nope"}, &m) == ErrorClass::usage);
  CHECK(m == "unknown option '--nope'");
  CHECK(class_of({"-q"}, &m) == ErrorClass::usage);
  CHECK(m == "option '-q' needs an argument");
  CHECK(class_of({"--softquota"}, &m) == ErrorClass::usage);
  CHECK(m == "option '--softquota' needs an argument");
  CHECK(class_of({"--quiet=1"}, &m) == ErrorClass::usage);
  CHECK(m == "option '--quiet' takes no argument");
  CHECK(class_of({"-Dx"}, &m) == ErrorClass::usage);
  CHECK(m == "unknown option '-x'");
}

TEST_CASE("options: --help and --version") {
  Seen s;
  Parsed h = parse_options(info, s.table(), {"joe", "--help", "-x"});
  CHECK(h.what == Parsed::help);
  CHECK(h.text ==
        "usage: vtest [OPTION]... NAME\n"
        "Tests the option parser.\n\n"
        "Options:\n"
        "  -D, --no-mailbox            no mailbox\n"
        "  -q, --softquota=BYTES       soft quota\n"
        "  -f, --forward=DEST          forward\n"
        "  --quiet                     quiet\n"
        "  --help                      show this help and exit\n"
        "  --version                   show the version and exit\n");
  Parsed v = parse_options(info, s.table(), {"--version"});
  CHECK(v.what == Parsed::version);
  CHECK(v.text.rfind("vtest (vmailmgr) ", 0) == 0);
  CHECK(s.log.empty());
}
