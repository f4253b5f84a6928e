#include "domain/control_edit.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using namespace vmm::domain;

namespace {
constexpr const char* kVd =
    "# hosted here\n"
    "example.com:vmbase\n"
    "\n"
    ".wild.example:vmwild\n"
    "  Shop.Example : shopbase \n"
    "joe@example.net:someone\n"
    "example.com:later\n";
}

TEST_CASE("virtual_domain_line: the domain's own line, the last one winning") {
  CHECK(virtual_domain_line(kVd, "example.com") == std::optional<std::string>("later"));
  CHECK(virtual_domain_line(kVd, "SHOP.example") == std::optional<std::string>("shopbase"));
  CHECK(virtual_domain_line(kVd, "a.wild.example") == std::nullopt);  // suffix lines do not count
  CHECK(virtual_domain_line(kVd, ".wild.example") == std::optional<std::string>("vmwild"));
  CHECK(virtual_domain_line(kVd, "hosted here") == std::nullopt);
  CHECK(virtual_domain_line("", "example.com") == std::nullopt);
  CHECK(virtual_domain_line("example.com:\n", "example.com") == std::nullopt);
  CHECK(virtual_domain_line("example.com:vmbase", "example.com") ==
        std::optional<std::string>("vmbase"));  // no final newline
}

TEST_CASE("lists_domain: rcpthosts lines, trimmed, any case") {
  const char* rh = "localhost\n# example.com\n Example.COM \r\nother.example";
  CHECK(lists_domain(rh, "example.com"));
  CHECK(lists_domain(rh, "other.example"));
  CHECK(lists_domain(rh, "LOCALHOST"));
  CHECK_FALSE(lists_domain(rh, "com"));
  CHECK_FALSE(lists_domain("", "example.com"));
}

TEST_CASE("with_line and without_domain keep every other byte") {
  CHECK(with_line("", "a.example:x") == "a.example:x\n");
  CHECK(with_line("b:y\n", "a:x") == "b:y\na:x\n");
  CHECK(with_line("b:y", "a:x") == "b:y\na:x\n");
  CHECK(without_domain(kVd, "example.com", ControlFile::virtualdomains) ==
        "# hosted here\n\n.wild.example:vmwild\n  Shop.Example : shopbase \njoe@example.net:someone\n");
  CHECK(without_domain(kVd, "shop.example", ControlFile::virtualdomains) ==
        "# hosted here\nexample.com:vmbase\n\n.wild.example:vmwild\njoe@example.net:someone\n"
        "example.com:later\n");
  CHECK(without_domain(kVd, "nothing.example", ControlFile::virtualdomains) == kVd);
  CHECK(without_domain("a\nexample.com\nb", "EXAMPLE.com", ControlFile::rcpthosts) == "a\nb");
  CHECK(without_domain("a\nb\nexample.com", "example.com", ControlFile::rcpthosts) == "a\nb\n");
  // an rcpthosts line is the whole line: "example.com:x" is not example.com there
  CHECK(without_domain("example.com:x\n", "example.com", ControlFile::rcpthosts) == "example.com:x\n");
}
