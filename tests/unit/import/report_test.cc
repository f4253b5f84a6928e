#include "import/report.h"

#include <doctest/doctest.h>

using namespace vmm::import;

namespace {

Outcome sample() {
  Outcome o;
  Added joe;
  joe.name = "joe";
  joe.where = "passwd:1";
  joe.messages = 12;
  joe.folders = 2;
  joe.forwards = {"joe@home.example"};
  joe.warnings = {"something to look at"};
  o.added.push_back(joe);
  Added one;
  one.name = "one";
  one.where = "passwd:2";
  one.messages = 1;
  o.added.push_back(one);
  Added sales;
  sales.name = "+";
  sales.where = ".qmail-default";
  sales.alias = true;
  sales.forwards = {"joe", "ann@x.example"};
  o.added.push_back(sales);
  o.skipped.push_back({"passwd:3", "Bad Name", "invalid account name"});
  o.skipped.push_back({"passwd:4", "", "not a passwd line"});
  return o;
}

}  // namespace

TEST_CASE("report_lines: one line each, what was added first") {
  CHECK(report_lines(sample(), false, false) ==
        std::vector<std::string>{
            "passwd:1: added account joe: 12 messages (2 folders), forwarding to joe@home.example",
            "passwd:1: warning: joe: something to look at",
            "passwd:2: added account one: 1 message",
            ".qmail-default: added alias + (the catch-all) -> joe, ann@x.example",
            "passwd:3: skipped 'Bad Name': invalid account name",
            "passwd:4: skipped: not a passwd line"});
  std::vector<std::string> quiet = report_lines(sample(), true, true);
  CHECK(quiet == std::vector<std::string>{"passwd:1: warning: joe: something to look at",
                                          "passwd:3: skipped 'Bad Name': invalid account name",
                                          "passwd:4: skipped: not a passwd line"});
  CHECK(report_lines(sample(), true, false)[0] ==
        "passwd:1: would add account joe: 12 messages (2 folders), forwarding to joe@home.example");
}

TEST_CASE("report_summary") {
  CHECK(report_summary(sample(), false) == "2 accounts and 1 alias added, 2 skipped");
  CHECK(report_summary(sample(), true) == "2 accounts and 1 alias would be added, 2 skipped");
  CHECK(report_summary(Outcome{}, false) == "0 accounts and 0 aliases added, 0 skipped");
}
