#include "import/passwd_source.h"

#include <doctest/doctest.h>

#include "import_testing.h"

using namespace vmm::import;
using vmm::import_testing::OldSystem;
using vmm::import_testing::problems;

TEST_CASE("read_pop3d: passwd lines, their GECOS, and one mbox each in the spool") {
  OldSystem old;
  old.put("/etc/virtual/example.com/passwd",
          "# comment\n"
          "joe:$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.:500:500:Joe Doe:/home/joe:/bin/false:extra\n"
          "\n"
          "ann:{CRYPT}x\n"
          "  \n"
          "lonely\n"
          ":nohash\n");
  Source s = read_pop3d(old.paths());
  CHECK(s.description == "GNU pop3d / vm-pop3d: " + old.at("/etc/virtual/example.com/passwd") +
                             ", mailboxes in " + old.at("/var/spool/virtual/example.com"));
  REQUIRE(s.entries.size() == 2);
  CHECK(s.entries[0].name == "joe");
  CHECK(s.entries[0].hash == "$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.");
  CHECK(s.entries[0].personal == "Joe Doe");
  CHECK(s.entries[0].where == old.at("/etc/virtual/example.com/passwd") + ":2");
  CHECK(s.entries[0].mailbox.kind == Mailbox::mbox);
  CHECK(s.entries[0].mailbox.path == old.at("/var/spool/virtual/example.com/joe"));
  CHECK(s.entries[1].name == "ann");
  CHECK(s.entries[1].personal == "");
  CHECK(problems(s, old.root) ==
        "/etc/virtual/example.com/passwd:6|lonely|not a passwd line \"NAME:HASH[:UID:GID:GECOS:HOME:SHELL]\"\n"
        "/etc/virtual/example.com/passwd:7||not a passwd line \"NAME:HASH[:UID:GID:GECOS:HOME:SHELL]\"\n");
}

TEST_CASE("read_pop3d: the files may be given") {
  OldSystem old;
  old.put("/p", "joe:h\n");
  SourcePaths p = old.paths();
  p.passwd = old.at("/p");
  p.spool = "/spool";
  Source s = read_pop3d(p);
  REQUIRE(s.entries.size() == 1);
  CHECK(s.entries[0].mailbox.path == "/spool/joe");
}

TEST_CASE("read_vpop3d: hashes from the shadow file, aliases from the aliases file") {
  OldSystem old;
  old.put("/etc/vmail/passwd.example.com",
          "joe:x:60000:60000:Joe:/vhome/example.com/joe:/bin/false\n"
          "ann:x:60001:60000:Ann:/vhome/example.com/ann:/bin/false\n"
          "kim:$1$own$hash:60002:60000::/vhome/x:/bin/false\n");
  old.put("/etc/vmail/shadow.example.com", "joe:$1$abc$def:11000:0:99999:7:::\n");
  old.put("/etc/vmail/aliases.example.com",
          "# the aliases\n"
          "sales: joe, kim@elsewhere.example\n"
          "joe: \\joe, joe@home.example\n"
          "kim: kim@away.example\n"
          "list: \"|/usr/bin/procmail -m list\"\n"
          "nothing\n");
  Source s = read_vpop3d(old.paths());
  REQUIRE(s.entries.size() == 3);
  CHECK(s.entries[0].name == "joe");
  CHECK(s.entries[0].hash == "$1$abc$def");
  CHECK(s.entries[0].forwards == std::vector<std::string>{"joe@home.example"});
  CHECK(s.entries[0].warnings.empty());
  CHECK(s.entries[0].mailbox.path == old.at("/var/spool/vmail/example.com/joe"));
  CHECK(s.entries[1].name == "kim");
  CHECK(s.entries[1].hash == "$1$own$hash");
  CHECK(s.entries[1].forwards == std::vector<std::string>{"kim@away.example"});
  CHECK(s.entries[1].warnings.size() == 1);
  CHECK(s.entries[2].name == "sales");
  CHECK(s.entries[2].alias);
  CHECK(s.entries[2].forwards == std::vector<std::string>{"joe", "kim@elsewhere.example"});
  CHECK(problems(s, old.root) ==
        "/etc/vmail/passwd.example.com:2|ann|its hash is in " + old.at("/etc/vmail/shadow.example.com") +
            ", which has no line for it\n"
            "/etc/vmail/aliases.example.com:5|list|it delivers to a program (|/usr/bin/procmail -m list)\n"
            "/etc/vmail/aliases.example.com:6||not an alias line \"NAME: TARGET, ...\"\n");
}
