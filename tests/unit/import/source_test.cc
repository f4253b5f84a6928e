#include "import/source.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "import_testing.h"

using namespace vmm::import;
using vmm::testing::error_of;

TEST_CASE("source_kind: the names of the sources") {
  CHECK(source_kind("pop3d") == SourceKind::pop3d);
  CHECK(source_kind("vm-pop3d") == SourceKind::pop3d);
  CHECK(source_kind("vpop3d") == SourceKind::vpop3d);
  CHECK(source_kind("linuxconf") == SourceKind::vpop3d);
  CHECK(source_kind("teapop") == SourceKind::teapop);
  CHECK(source_kind("vpopmail") == SourceKind::vpopmail);
  CHECK(source_kind("virtusertable") == SourceKind::virtusertable);
  CHECK(source_kind("sendmail") == SourceKind::virtusertable);
  CHECK_FALSE(source_kind("POP3D"));
  CHECK_FALSE(source_kind(""));
}

TEST_CASE("text_lines, colon_fields, under_root") {
  std::vector<TextLine> l = text_lines("a\r\n\nb:c\nlast");
  REQUIRE(l.size() == 4);
  CHECK(l[0].number == 1);
  CHECK(l[0].text == "a");
  CHECK(l[1].text == "");
  CHECK(l[3].number == 4);
  CHECK(l[3].text == "last");
  CHECK(text_lines("").empty());
  CHECK(colon_fields("a::b:") == std::vector<std::string_view>{"a", "", "b", ""});
  CHECK(colon_fields("") == std::vector<std::string_view>{""});
  CHECK(under_root("", "/etc/x") == "/etc/x");
  CHECK(under_root("/", "/etc/x") == "/etc/x");
  CHECK(under_root("/mnt/old/", "/etc/x") == "/mnt/old/etc/x");
}

TEST_CASE("source_domain: lowercased, and nothing that could leave a directory") {
  CHECK(source_domain("Example.COM") == "example.com");
  for (const char* bad : {"", ".", "..", "a/b", "a b", "a\tb", "a\x7f"})
    CHECK(error_of([&] { source_domain(bad); }) == "invalid domain '" + std::string(bad) + "'");
}

TEST_CASE("merge_alias: an alias of an account's name gives the account its forwards") {
  Source s;
  SourceEntry joe;
  joe.where = "f:1";
  joe.name = "Joe";
  s.entries.push_back(joe);
  SourceEntry a;
  a.where = "aliases:3";
  a.name = "joe";
  a.alias = true;
  a.forwards = {"joe@home.example"};
  merge_alias(s, a, true);
  REQUIRE(s.entries.size() == 1);
  CHECK(s.entries[0].forwards == std::vector<std::string>{"joe@home.example"});
  CHECK(s.entries[0].warnings.empty());
  a.forwards = {"second@x.example"};
  merge_alias(s, a, false);
  CHECK(s.entries[0].forwards == std::vector<std::string>{"joe@home.example", "second@x.example"});
  CHECK(s.entries[0].warnings ==
        std::vector<std::string>{"aliases:3 forwarded its mail without keeping a copy; here the mailbox keeps one too"});
  a.name = "sales";
  merge_alias(s, a, false);
  REQUIRE(s.entries.size() == 2);
  CHECK(s.entries[1].alias);
  CHECK(s.entries[1].name == "sales");
}

TEST_CASE("read_source: each kind reads its own files") {
  vmm::import_testing::OldSystem old;
  old.put("/etc/virtual/example.com/passwd", "joe:$1$x$y\n");
  Source s = read_source(SourceKind::pop3d, old.paths());
  REQUIRE(s.entries.size() == 1);
  CHECK(s.entries[0].name == "joe");
  CHECK(error_of([&] { read_source(SourceKind::vpop3d, old.paths()); }) ==
        "unable to open " + old.at("/etc/vmail/passwd.example.com") + ": No such file or directory");
}
