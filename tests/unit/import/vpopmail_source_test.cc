#include "import/vpopmail_source.h"

#include <doctest/doctest.h>

#include "../testing/errors.h"
#include "import_testing.h"

using namespace vmm::import;
using vmm::import_testing::OldSystem;
using vmm::import_testing::problems;
using vmm::testing::error_of;

TEST_CASE("parse_vpopmail_quota: vpopmail's forms") {
  auto q = [](const char* s) {
    VpopmailQuota v = parse_vpopmail_quota(s);
    return std::to_string(v.bytes.value_or(0)) + "/" + std::to_string(v.messages.value_or(0)) +
           (v.valid ? "" : " invalid");
  };
  CHECK(q("NOQUOTA") == "0/0");
  CHECK(q("") == "0/0");
  CHECK(q("1048576S,1000C") == "1048576/1000");
  CHECK(q("1000C,10MBS") == "10485760/1000");
  CHECK(q("1mbs,1000C") == "1048576/1000");
  CHECK(q("1000C") == "0/1000");
  CHECK(q("5000000") == "5000000/0");
  CHECK(q("1M") == "1048576/0");
  CHECK(q("1024K") == "1048576/0");
  CHECK(q("1MB") == "1048576/0");
  CHECK(q("0S") == "0/0 invalid");
  CHECK(q("abc") == "0/0 invalid");
}

namespace {

const char* kDir = "/home/vpopmail/domains/example.com";

void domain_with_users(const OldSystem& old) {
  const std::string d = kDir;
  old.put(d + "/vpasswd",
          "joe:$1$abc$def:1:0:Joe Doe:" + d + "/joe:5242880S,1000C:plain-secret\n"
          "ann:$6$salt$hash:1:16:Ann:" + d + "/ann:NOQUOTA\n"
          "kim:$1$k$k:1:0:Kim:" + d + "/0/kim\n"
          "short:x:1\n");
  old.put(d + "/joe/Maildir/cur/1.a.host:2,S", "joe's mail");
  old.put(d + "/ann/.qmail", "&ann@home.example\n| /usr/bin/autorespond 1 2 msg\n");
  old.put(d + "/0/kim/.qmail", "kim@away.example\n" + d + "/0/kim/Maildir/\n");
}

}  // namespace

TEST_CASE("read_vpopmail: vpasswd accounts, quotas, flags, their own .qmail forwards") {
  OldSystem old;
  domain_with_users(old);
  Source s = read_vpopmail(old.paths());
  CHECK(s.description == "vpopmail: " + old.at(std::string(kDir) + "/vpasswd"));
  REQUIRE(s.entries.size() == 3);
  const SourceEntry& joe = s.entries[0];
  CHECK(joe.name == "joe");
  CHECK(joe.hash == "$1$abc$def");
  CHECK(joe.personal == "Joe Doe");
  CHECK(joe.hard_quota == 5242880);
  CHECK(joe.msg_count == 1000);
  CHECK(joe.mailbox.kind == Mailbox::maildir);
  CHECK(joe.mailbox.path == old.at(std::string(kDir) + "/joe/Maildir"));
  CHECK(joe.warnings.empty());
  const SourceEntry& ann = s.entries[1];
  CHECK_FALSE(ann.hard_quota);
  CHECK(ann.forwards == std::vector<std::string>{"ann@home.example"});
  CHECK(ann.warnings == std::vector<std::string>{
                            "vpopmail bounced its mail (flag BOUNCE_MAIL); here it is delivered",
                            "its .qmail ran | /usr/bin/autorespond 1 2 msg, which is not imported",
                            "its .qmail forwarded mail without keeping a copy; here the mailbox keeps one too"});
  const SourceEntry& kim = s.entries[2];
  CHECK(kim.mailbox.path == old.at(std::string(kDir) + "/0/kim/Maildir"));
  CHECK(kim.forwards == std::vector<std::string>{"kim@away.example"});
  CHECK(kim.warnings.empty());
  CHECK(problems(s, old.root) == std::string(kDir) + "/vpasswd:4|short|not a vpasswd line \"NAME:HASH:UID:FLAGS:GECOS:DIR:QUOTA\"\n");
}

TEST_CASE("read_vpopmail: .qmail-NAME aliases and the catch-all of .qmail-default") {
  OldSystem old;
  domain_with_users(old);
  const std::string d = kDir;
  old.put(d + "/.qmail-sales", "&joe@example.com\n" + d + "/0/kim/Maildir/\n");
  old.put(d + "/.qmail-info:desk", "info@partner.example\n");
  old.put(d + "/.qmail-joe", d + "/joe/Maildir/\n&joe@backup.example\n");
  old.put(d + "/.qmail-list", "|/usr/bin/ezmlm-send /x\n");
  old.put(d + "/.qmail-list-default", "|/usr/bin/ezmlm-manage /x\n");
  old.put(d + "/.qmail-lost", "/somewhere/else/Maildir/\n");
  old.put(d + "/.qmail-default", "| /home/vpopmail/bin/vdelivermail '' " + d + "/joe\n");
  Source s = read_vpopmail(old.paths());
  REQUIRE(s.entries.size() == 6);
  CHECK(s.entries[0].name == "joe");
  CHECK(s.entries[0].forwards == std::vector<std::string>{"joe@backup.example"});
  CHECK(s.entries[0].warnings.empty());
  CHECK(s.entries[3].catch_all);
  CHECK(s.entries[3].forwards == std::vector<std::string>{"joe"});
  CHECK(s.entries[4].name == "info.desk");
  CHECK(s.entries[4].forwards == std::vector<std::string>{"info@partner.example"});
  CHECK(s.entries[5].name == "sales");
  CHECK(s.entries[5].alias);
  CHECK(s.entries[5].forwards == std::vector<std::string>{"kim", "joe@example.com"});
  CHECK(problems(s, old.root) ==
        d + "/vpasswd:4|short|not a vpasswd line \"NAME:HASH:UID:FLAGS:GECOS:DIR:QUOTA\"\n" + d +
            "/.qmail-list|list|it runs |/usr/bin/ezmlm-send /x (a mailing list or a program)\n" + d +
            "/.qmail-list-default|list-default|an extension catch-all (NAME-default) is not imported\n" + d +
            "/.qmail-lost|lost|it delivers to /somewhere/else/Maildir/, which is no account's Maildir\n");
}

TEST_CASE("read_vpopmail: catch-all forms, a copied tree, a missing domain") {
  OldSystem old;
  domain_with_users(old);
  const std::string d = kDir;
  old.put(d + "/.qmail-default", "| /home/vpopmail/bin/vdelivermail '' bounce-no-mailbox\n");
  Source s = read_vpopmail(old.paths());
  for (const SourceEntry& e : s.entries) CHECK_FALSE(e.catch_all);
  old.put(d + "/.qmail-default", "| /home/vpopmail/bin/vdelivermail '' delete\n");
  CHECK(problems(read_vpopmail(old.paths()), old.root).ends_with(
      d + "/.qmail-default|(catch-all)|vdelivermail deleted mail to unknown addresses; here it is refused (no catch-all)\n"));
  old.put(d + "/.qmail-default", "| /home/vpopmail/bin/vdelivermail '' postmaster@example.net\n");
  s = read_vpopmail(old.paths());
  CHECK(s.entries.back().catch_all);
  CHECK(s.entries.back().forwards == std::vector<std::string>{"postmaster@example.net"});

  // The same tree copied elsewhere, named with --dir: vpasswd still names the old paths.
  SourcePaths p;
  p.domain = "example.com";
  p.dir = old.at(d);
  s = read_vpopmail(p);
  CHECK(s.entries[0].mailbox.path == old.at(d + "/joe/Maildir"));
  CHECK(s.entries[2].mailbox.path == old.at(d + "/0/kim/Maildir"));

  p.dir = old.at("/nowhere");
  CHECK(error_of([&] { read_vpopmail(p); }) ==
        "unable to open " + old.at("/nowhere/vpasswd") + ": No such file or directory");
}
