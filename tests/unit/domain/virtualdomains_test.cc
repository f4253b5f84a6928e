#include "domain/virtualdomains.h"

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>

using vmm::domain::Locals;
using vmm::domain::lowercase;
using vmm::domain::VirtualDomains;

TEST_CASE("lowercase folds ASCII letters only") {
  CHECK(lowercase("ExAmPle.COM") == "example.com");
  CHECK(lowercase("") == "");
  // 8-bit bytes (here UTF-8 for 'É') are kept whatever the locale.
  CHECK(lowercase("\xC3\x89Z") == "\xC3\x89z");
  CHECK(lowercase(std::string("A\0B", 3)) == std::string("a\0b", 3));
}

TEST_CASE("VirtualDomains::parse skips what is not a domain line") {
  const VirtualDomains vd = VirtualDomains::parse(
      "# comment: with colon\n"
      "\n"
      "   \t\n"
      "example.com:exbase\n"
      "nocolon\n"
      ":emptykey\n"
      "emptyvalue.test:\n"
      "  blank.test :  \n"
      "joe@address.test:addrbase\n"
      "  Spaced.TEST\t:  spbase  \r\n"
      "crlf.test:crbase\r\n"
      ".Wild.Test:wildbase\n"
      "over.test:first\n"
      "over.test:second\n"
      "colon.test:base:extra\n"
      "last.test:lastbase");  // no final newline
  CHECK(vd.size() == 7);
  struct Case {
    const char* domain;
    std::optional<std::string> base;
  };
  const Case cases[] = {
      {"example.com", "exbase"},
      {"EXAMPLE.com", "exbase"},
      {"nocolon", std::nullopt},
      {"", std::nullopt},
      {"emptyvalue.test", std::nullopt},
      {"blank.test", std::nullopt},
      {"joe@address.test", std::nullopt},
      {"address.test", std::nullopt},
      {"spaced.test", "spbase"},  // key trimmed and lowercased, value trimmed
      {"crlf.test", "crbase"},    // no '\r' left on the value
      {"over.test", "second"},    // a later line overrides
      {"colon.test", "base:extra"},
      {"last.test", "lastbase"},
      {"# comment", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.domain);
    CHECK(vd.find(c.domain) == c.base);
  }
}

TEST_CASE("VirtualDomains::find tries the domain, then each .suffix from the left") {
  const VirtualDomains vd = VirtualDomains::parse(
      "a.b.c:whole\n"
      ".b.c:middle\n"
      ".c:top\n"
      ".example.com:wild\n"
      "exact.example.com:exact\n"
      "Mixed.Example.ORG:MixedBase\n");
  struct Case {
    const char* domain;
    std::optional<std::string> base;
  };
  const Case cases[] = {
      {"a.b.c", "whole"},
      {"x.b.c", "middle"},        // ".b.c" before ".c"
      {"y.x.b.c", "middle"},
      {"b.c", "top"},             // ".b.c" does not match "b.c" itself
      {"z.c", "top"},
      {"c", std::nullopt},
      {"sub.example.com", "wild"},
      {"deep.sub.example.com", "wild"},
      {"SUB.Example.Com", "wild"},
      {"example.com", std::nullopt},  // not matched by ".example.com"
      {"exact.example.com", "exact"},  // the whole domain first
      {"x.exact.example.com", "wild"},
      {"mixed.example.org", "MixedBase"},  // the base user keeps its case
      {"notexample.com", std::nullopt},
      {"", std::nullopt},
      {".", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.domain);
    CHECK(vd.find(c.domain) == c.base);
  }
}

TEST_CASE("VirtualDomains of empty text is empty") {
  const VirtualDomains vd = VirtualDomains::parse("");
  CHECK(vd.size() == 0);
  CHECK(vd.find("example.com") == std::nullopt);
}

TEST_CASE("VirtualDomains::entries lists each key once, lowercased, the last line winning") {
  const VirtualDomains vd = VirtualDomains::parse(
      "Zeta.Test:zbase\n"
      ".wild.test:wbase\n"
      "example.com:first\n"
      "EXAMPLE.com:Second\n");
  using Entries = std::map<std::string, std::string, std::less<>>;
  CHECK(vd.entries() == Entries{{".wild.test", "wbase"}, {"example.com", "Second"},
                                {"zeta.test", "zbase"}});
}

TEST_CASE("Locals::parse and contains") {
  const Locals locals = Locals::parse(
      "# local domains\n"
      "Localhost\n"
      "  mail.Example.NET \r\n"
      "\n"
      "\t\n"
      "#commented.test\n"
      "last.test");
  CHECK(locals.size() == 3);
  struct Case {
    const char* domain;
    bool local;
  };
  const Case cases[] = {
      {"localhost", true},
      {"LOCALHOST", true},
      {"mail.example.net", true},
      {"Mail.Example.Net", true},
      {"last.test", true},
      {"example.net", false},          // no suffix matching in locals
      {"sub.mail.example.net", false},
      {"commented.test", false},
      {"#commented.test", false},
      {"", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.domain);
    CHECK(locals.contains(c.domain) == c.local);
  }
  CHECK(Locals::parse("").size() == 0);
  CHECK_FALSE(Locals::parse("\n\n# only comments\n").contains(""));
}

TEST_CASE("VirtualDomains: the domains of one base user, and every base user") {
  VirtualDomains vd = VirtualDomains::parse(
      "b.example:vmb\na.example:vma\n.wild.example:vma\nA.Example:vma\nc.example:vmb\n"
      "c.example:vmc\n");
  CHECK(vd.domains_of("vma") == std::vector<std::string>{".wild.example", "a.example"});
  CHECK(vd.domains_of("vmb") == std::vector<std::string>{"b.example"});  // c.example: a later line won
  CHECK(vd.domains_of("VMA").empty());  // user names are case-sensitive
  CHECK(vd.bases() == std::vector<std::string>{"vma", "vmb", "vmc"});
  CHECK(VirtualDomains::parse("").bases().empty());
}
