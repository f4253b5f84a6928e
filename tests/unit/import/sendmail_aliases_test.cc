#include "import/sendmail_aliases.h"

#include <doctest/doctest.h>

using namespace vmm::import;

TEST_CASE("parse_aliases: names, targets, continuation lines, quotes, comments") {
  std::vector<AliasEntry> a = parse_aliases(
      "# comment\n"
      "sales: joe, ann@example.org\n"
      "\tkim,\r\n"
      "  lee\n"
      "\n"
      "  orphan continuation\n"
      "\"quoted name\": \"|/bin/prog a, b\" , x\n"
      "broken line\n"
      "empty:\n");
  REQUIRE(a.size() == 5);
  CHECK(a[0].line == 2);
  CHECK(a[0].name == "sales");
  CHECK(a[0].targets == std::vector<std::string>{"joe", "ann@example.org", "kim", "lee"});
  CHECK(a[1].line == 6);
  CHECK(a[1].name == "");  // a continuation with nothing to continue
  CHECK(a[2].name == "quoted name");
  CHECK(a[2].targets == std::vector<std::string>{"|/bin/prog a, b", "x"});
  CHECK(a[3].line == 8);
  CHECK(a[3].name == "");
  CHECK(a[3].targets == std::vector<std::string>{"broken line"});
  CHECK(a[4].name == "empty");
  CHECK(a[4].targets.empty());
}
