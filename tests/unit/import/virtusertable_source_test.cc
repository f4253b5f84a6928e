#include "import/virtusertable_source.h"

#include <doctest/doctest.h>

#include "import_testing.h"

using namespace vmm::import;
using vmm::import_testing::OldSystem;
using vmm::import_testing::problems;

TEST_CASE("read_virtusertable: addresses, system users as accounts, the catch-all, what cannot be said") {
  OldSystem old;
  old.put("/etc/mail/virtusertable",
          "# virtual users\n"
          "joe@example.com\tjdoe\n"
          "j.doe@Example.COM   jdoe\n"
          "info@example.com  info@partner.example\n"
          "sales@example.com joe\n"
          "other@example.org jdoe\n"
          "bad@example.com error:nouser User unknown\n"
          "list@example.com %1@lists.example\n"
          "x+*@example.com  jdoe\n"
          "lonely@example.com\n"
          "@example.com      ann\n");
  old.put("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\njdoe:x:1000:1000:John Doe,,,:/home/jdoe:/bin/bash\n"
                         "ann:$1$ann$own:1001:1001:Ann:/home/ann:/bin/sh\n");
  old.put("/etc/shadow", "root:*:1::::::\njdoe:$6$salt$hash:19000:0:99999:7:::\n");
  Source s = read_virtusertable(old.paths());
  CHECK(s.description == "sendmail virtusertable: " + old.at("/etc/mail/virtusertable") +
                             ", system mailboxes in " + old.at("/var/spool/mail"));
  REQUIRE(s.entries.size() == 6);
  CHECK(s.entries[0].name == "joe");
  CHECK_FALSE(s.entries[0].alias);
  CHECK(s.entries[0].hash == "$6$salt$hash");
  CHECK(s.entries[0].personal == "John Doe,,,");
  CHECK(s.entries[0].mailbox.path == old.at("/var/spool/mail/jdoe"));
  CHECK(s.entries[1].name == "j.doe");
  CHECK(s.entries[1].alias);
  CHECK(s.entries[1].forwards == std::vector<std::string>{"joe"});
  CHECK(s.entries[2].forwards == std::vector<std::string>{"info@partner.example"});
  CHECK(s.entries[3].name == "sales");
  CHECK(s.entries[3].forwards == std::vector<std::string>{"joe"});  // no system user: an account here
  CHECK(s.entries[4].name == "ann");  // the catch-all's system user gets an account of its name
  CHECK(s.entries[4].hash == "$1$ann$own");
  CHECK(s.entries[4].mailbox.path == old.at("/var/spool/mail/ann"));
  CHECK(s.entries[5].catch_all);
  CHECK(s.entries[5].forwards == std::vector<std::string>{"ann"});
  const std::string f = "/etc/mail/virtusertable";
  CHECK(problems(s, old.root) ==
        f + ":7|bad|sendmail refused mail to it (error:nouser User unknown); an alias cannot say that\n" + f +
            ":8|list|the target %1@lists.example uses sendmail's %N substitution, which an alias cannot express\n" +
            f + ":9|x+*|a +detail or wildcard key is not imported\n" + f + ":10|lonely|no target\n");
}

TEST_CASE("read_virtusertable: system users that cannot be read are reported per line") {
  OldSystem old;
  old.put("/vt", "joe@example.com jdoe\nann@example.com ann@x.example\n");
  SourcePaths p = old.paths();
  p.table = old.at("/vt");
  p.passwd = old.at("/missing-passwd");
  Source s = read_virtusertable(p);
  REQUIRE(s.entries.size() == 1);
  CHECK(problems(s, old.root) == "/vt:1|joe|the local user jdoe cannot be looked up: unable to open " +
                                     old.at("/missing-passwd") + ": No such file or directory\n");
}
