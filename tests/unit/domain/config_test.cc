#include "domain/config.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <stdexcept>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "auto/paths.h"
#include "sys/error.h"

using vmm::domain::Config;
using vmm::testing::TempDir;
using vmm::testing::write_file;

namespace {

// The global dir and a base home with its .vmailmgr, both fresh.
struct Dirs {
  TempDir tmp;
  std::string global = tmp.path + "/etc";
  std::string home = tmp.path + "/home";
  std::string domain = home + "/.vmailmgr";
  Dirs() {
    REQUIRE(::mkdir(global.c_str(), 0755) == 0);
    REQUIRE(::mkdir(home.c_str(), 0755) == 0);
    REQUIRE(::mkdir(domain.c_str(), 0755) == 0);
  }
  Config config() const { return Config(global, "").for_domain(home); }
};


// Restores VMAILMGR_ETC as it was before the test.
struct EnvGuard {
  bool had;
  std::string old;
  EnvGuard() {
    const char* v = std::getenv("VMAILMGR_ETC");
    had = v != nullptr;
    if (had) old = v;
  }
  ~EnvGuard() {
    if (had)
      ::setenv("VMAILMGR_ETC", old.c_str(), 1);
    else
      ::unsetenv("VMAILMGR_ETC");
  }
};

}  // namespace

TEST_CASE("Config::global follows VMAILMGR_ETC when set and non-empty") {
  EnvGuard guard;
  ::setenv("VMAILMGR_ETC", "/srv/vm-etc", 1);
  CHECK(Config::global().global_dir() == "/srv/vm-etc");
  CHECK(Config::global().domain_dir() == "");
  ::setenv("VMAILMGR_ETC", "", 1);
  CHECK(Config::global().global_dir() == vmm::auto_conf::etc);
  ::unsetenv("VMAILMGR_ETC");
  CHECK(Config::global().global_dir() == vmm::auto_conf::etc);
  CHECK(Config::global().domain_dir() == "");
}

TEST_CASE("VMAILMGR_ETC files are read") {
  EnvGuard guard;
  Dirs d;
  write_file(d.global + "/separators", "@%\n");
  ::setenv("VMAILMGR_ETC", d.global.c_str(), 1);
  CHECK(Config::global().str("separators") == "@%");
}

TEST_CASE("for_domain keeps the global dir and adds ~base/.vmailmgr") {
  Config c = Config("/etc/vm", "").for_domain("/home/dom");
  CHECK(c.global_dir() == "/etc/vm");
  CHECK(c.domain_dir() == "/home/dom/.vmailmgr");
  CHECK(Config("/etc/vm", "").for_domain("/home/dom/").domain_dir() == "/home/dom/.vmailmgr");
  CHECK(Config("/etc/vm", "/x").for_domain("/h").domain_dir() == "/h/.vmailmgr");
}

TEST_CASE("string: per-domain overrides global overrides default") {
  Dirs d;
  CHECK(d.config().str("separators") == "@:");
  write_file(d.global + "/separators", "@%\n");
  CHECK(d.config().str("separators") == "@%");
  write_file(d.domain + "/separators", "  %  \nignored\n");
  CHECK(d.config().str("separators") == "%");
  // Before the base user is known only the global dir counts.
  CHECK(Config(d.global, "").str("separators") == "@%");
}

TEST_CASE("string: an empty first line is an empty value, not a fall-through") {
  Dirs d;
  write_file(d.global + "/default-username", "catchall\n");
  write_file(d.domain + "/default-username", "\nsecond\n");
  CHECK(d.config().str("default-username") == "");
  write_file(d.domain + "/default-username", "");
  CHECK(d.config().str("default-username") == "");
}

TEST_CASE("directory: trailing '/' added once, empty stays empty") {
  Dirs d;
  CHECK(d.config().dir("qmail-root") == std::string(vmm::auto_conf::qmail) + "/");
  CHECK(d.config().dir("user-dir") == "users/");
  CHECK(d.config().dir("error-maildir") == "/var/lib/vmailmgr/error-maildir/");
  write_file(d.global + "/qmail-root", " /opt/qmail \n");
  CHECK(d.config().dir("qmail-root") == "/opt/qmail/");
  write_file(d.domain + "/user-dir", "mail/\n");
  CHECK(d.config().dir("user-dir") == "mail/");
  write_file(d.domain + "/user-dir", "\n");
  CHECK(d.config().dir("user-dir") == "");
}

TEST_CASE("number: per-domain overrides global overrides default") {
  Dirs d;
  CHECK(d.config().number("user-dir-bits") == 0u);
  CHECK(d.config().number("system-logins") == 1u);
  CHECK(d.config().number("default-hardquota") == std::nullopt);
  write_file(d.global + "/user-dir-bits", "6\n");
  CHECK(d.config().number("user-dir-bits") == 6u);
  // The original's own per-domain fixture files.
  write_file(d.domain + "/user-dir-bits", "4\n");
  write_file(d.domain + "/user-dir-slices", "2\n");
  CHECK(d.config().number("user-dir-bits") == 4u);
  CHECK(d.config().number("user-dir-slices") == 2u);
  write_file(d.global + "/default-hardquota", " 5242880 \n");
  CHECK(d.config().number("default-hardquota") == 5242880u);
  write_file(d.domain + "/default-hardquota", "-\n");
  CHECK(d.config().number("default-hardquota") == std::nullopt);
  write_file(d.domain + "/default-hardquota", "-1\n");
  CHECK(d.config().number("default-hardquota") == std::nullopt);
  write_file(d.domain + "/system-logins", "0");
  CHECK(d.config().number("system-logins") == 0u);
}

TEST_CASE("number: a bad file is a permanent error naming it, not skipped") {
  Dirs d;
  write_file(d.global + "/default-msgsize", "10\n");
  write_file(d.domain + "/default-msgsize", "10M\n");
  vmm::Error e = vmm::testing::thrown_by([&] { d.config().number("default-msgsize"); });
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) == d.domain + "/default-msgsize: bad number '10M'");
  write_file(d.domain + "/default-msgsize", "\n");
  e = vmm::testing::thrown_by([&] { d.config().number("default-msgsize"); });
  CHECK(std::string(e.what()) == d.domain + "/default-msgsize: bad number ''");
  ::unlink((d.domain + "/default-msgsize").c_str());
  write_file(d.global + "/default-msgsize", "ten");
  e = vmm::testing::thrown_by([&] { d.config().number("default-msgsize"); });
  CHECK(std::string(e.what()) == d.global + "/default-msgsize: bad number 'ten'");
}

TEST_CASE("list: per-domain overrides global overrides default; comments and blanks") {
  using V = std::vector<std::string>;
  Dirs d;
  CHECK(d.config().list("postmaster-aliases") == V{"mailer-daemon", "postmaster", "root"});
  CHECK(d.config().list("ip-domains") == V{});
  write_file(d.global + "/postmaster-aliases", "# who gets postmaster mail\n\nabuse\n  hostmaster \n");
  CHECK(d.config().list("postmaster-aliases") == V{"abuse", "hostmaster"});
  write_file(d.domain + "/postmaster-aliases", "webmaster\n#root\n");
  CHECK(d.config().list("postmaster-aliases") == V{"webmaster"});
  // An existing file with no items is an empty list, not a fall-through.
  write_file(d.domain + "/postmaster-aliases", "# none here\n\n");
  CHECK(d.config().list("postmaster-aliases") == V{});
  write_file(d.global + "/ip-domains", "127.0.0.1:example.org\r\n::1:example.net\n");
  CHECK(d.config().list("ip-domains") == V{"127.0.0.1:example.org", "::1:example.net"});
}

TEST_CASE("a Config reads each setting file once; a new Config reads it again") {
  Dirs d;
  write_file(d.domain + "/default-msgcount", "10\n");
  Config c = d.config();
  CHECK(c.number("default-msgcount") == 10u);
  write_file(d.domain + "/default-msgcount", "20\n");
  CHECK(c.number("default-msgcount") == 10u);
  CHECK(d.config().number("default-msgcount") == 20u);
  // A file that cannot be read is not kept: once fixed, the same Config reads it.
  REQUIRE(::mkdir((d.domain + "/default-msgsize").c_str(), 0755) == 0);
  CHECK_THROWS_AS(c.number("default-msgsize"), vmm::Error);
  REQUIRE(::rmdir((d.domain + "/default-msgsize").c_str()) == 0);
  write_file(d.domain + "/default-msgsize", "1000\n");
  CHECK(c.number("default-msgsize") == 1000u);
}

TEST_CASE("a setting file that is a directory is an error naming it") {
  Dirs d;
  write_file(d.global + "/separators", "@\n");
  std::string path = d.domain + "/separators";
  REQUIRE(::mkdir(path.c_str(), 0755) == 0);
  vmm::Error e = vmm::testing::thrown_by([&] { d.config().str("separators"); });
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(e.err() == EISDIR);
  CHECK(std::string(e.what()) == "unable to read " + path + ": Is a directory");
}

TEST_CASE("a setting dir that is a file is an error, not a fall-through") {
  TempDir tmp;
  std::string global = tmp.path + "/etc";
  write_file(global, "not a directory\n");
  vmm::Error e = vmm::testing::thrown_by([&] { Config(global, "").str("separators"); });
  CHECK(e.err() == ENOTDIR);
  CHECK(std::string(e.what()) == "unable to open " + global + "/separators: Not a directory");
}

TEST_CASE("a missing global or per-domain directory falls through to the default") {
  Config c("/nonexistent/vmm-etc", "/nonexistent/home/.vmailmgr");
  CHECK(c.str("password-file") == "passwd");
  CHECK(c.number("rehash-on-login") == 1u);
  CHECK(c.hooks("vsetup-pre").empty());
  Config none("", "");
  CHECK(none.str("sendmail") == "/usr/sbin/sendmail");
}

TEST_CASE("an unreadable setting file is an error naming it (EACCES)") {
  Dirs d;
  REQUIRE(::chmod(d.tmp.path.c_str(), 0755) == 0);  // only the file itself is unreadable
  std::string path = d.domain + "/sendmail";
  write_file(path, "/usr/lib/sendmail\n");
  REQUIRE(::chmod(path.c_str(), 0) == 0);
  std::string want = "unable to open " + path + ": Permission denied";
  if (::geteuid() != 0) {
    vmm::Error e = vmm::testing::thrown_by([&] { d.config().str("sendmail"); });
    CHECK(e.cls() == vmm::ErrorClass::permanent);
    CHECK(std::string(e.what()) == want);
    return;
  }
  // Root reads anything: check as nobody in a child, reporting by exit code.
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int rc = 9;
    if (::setgid(65534) == 0 && ::setuid(65534) == 0) {
      try {
        d.config().str("sendmail");
        rc = 1;
      } catch (const vmm::Error& e) {
        rc = e.cls() == vmm::ErrorClass::permanent && e.err() == EACCES && e.what() == want ? 0 : 2;
      }
    }
    ::_exit(rc);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("a setting file is bounded to 64 KiB") {
  Dirs d;
  std::string path = d.global + "/ip-domains";
  std::string line = "10.0.0.1:example.org\n";  // 21 bytes
  std::string text;
  while (text.size() + line.size() <= 65536) text += line;
  text.append(65536 - text.size(), '#');
  REQUIRE(text.size() == 65536);
  write_file(path, text);
  CHECK(d.config().list("ip-domains").size() == 65536 / 21);
  write_file(path, text + "\n");
  vmm::Error e = vmm::testing::thrown_by([&] { d.config().list("ip-domains"); });
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) == path + " is larger than 65536 bytes");
}

TEST_CASE("a getter of the wrong type or an unknown name is a logic_error") {
  Config c("", "");
  CHECK_THROWS_AS(c.str("user-dir"), std::logic_error);
  CHECK_THROWS_AS(c.dir("separators"), std::logic_error);
  CHECK_THROWS_AS(c.number("postmaster-aliases"), std::logic_error);
  CHECK_THROWS_AS(c.list("user-dir-bits"), std::logic_error);
  CHECK_THROWS_AS(c.hooks("sendmail"), std::logic_error);
  CHECK_THROWS_AS(c.str("checkvpw-presetuid"), std::logic_error);
  CHECK_THROWS_WITH_AS(c.str("no-such"), "unknown setting 'no-such'", std::logic_error);
}

TEST_CASE("effective() lists every non-hook setting in order (defaults)") {
  using P = std::pair<std::string, std::string>;
  std::vector<P> want = {
      {"qmail-root", std::string(vmm::auto_conf::qmail) + "/"},
      {"separators", "@:"},
      {"password-file", "passwd"},
      {"user-dir", "users/"},
      {"user-dir-bits", "0"},
      {"user-dir-slices", "0"},
      {"default-username", "+"},
      {"default-hardquota", "-"},
      {"default-softquota", "-"},
      {"default-msgsize", "-"},
      {"default-msgcount", "-"},
      {"default-expiry", "-"},
      {"postmaster-aliases", "mailer-daemon, postmaster, root"},
      {"postmaster-email", "postmaster@"},
      {"maildir-arg-str", "maildir"},
      {"error-maildir", "/var/lib/vmailmgr/error-maildir/"},
      {"default-maildir", "Maildir"},
      {"default-domain", ""},
      {"ip-domains", ""},
      {"system-logins", "1"},
      {"rehash-on-login", "1"},
      {"sendmail", "/usr/sbin/sendmail"},
      {"autoresponse-dir", "autoresponse"},
      {"autoresponse-file", "message.txt"},
      {"autoresponse-interval", "86400"},
      {"socket-file", "/run/vmailmgrd/socket"},
      {"record-last-login", "1"},
      {"domains-home", "/var/lib/vmailmgr/domains/"},
      {"qmail-send-services", "/service/qmail-send, /etc/service/qmail-send, /var/service/qmail-send"},
      {"control-index", "/var/lib/vmailmgr/control-index/"},
      {"session-idle", "900"},
      {"session-key-file", "session-key"},
  };
  Dirs d;
  CHECK(d.config().effective() == want);
  CHECK(Config("", "").effective() == want);
}

TEST_CASE("effective() shows files' values and reports a bad one") {
  Dirs d;
  write_file(d.global + "/default-softquota", "4194304\n");
  write_file(d.domain + "/ip-domains", "127.0.0.1:a.example\n# x\n127.0.0.2:b.example\n");
  write_file(d.domain + "/user-dir", "accounts\n");
  write_file(d.global + "/checkvpw-error", "#!/bin/sh\n");  // hooks are not listed
  auto eff = d.config().effective();
  REQUIRE(eff.size() == 32);
  CHECK(eff[3] == std::pair<std::string, std::string>("user-dir", "accounts/"));
  CHECK(eff[8] == std::pair<std::string, std::string>("default-softquota", "4194304"));
  CHECK(eff[18] ==
        std::pair<std::string, std::string>("ip-domains", "127.0.0.1:a.example, 127.0.0.2:b.example"));
  write_file(d.domain + "/default-expiry", "soon\n");
  vmm::Error e = vmm::testing::thrown_by([&] { d.config().effective(); });
  CHECK(std::string(e.what()) == d.domain + "/default-expiry: bad number 'soon'");
}

TEST_CASE("hooks: global first then per-domain; only executable regular files") {
  Dirs d;
  Config c = d.config();
  CHECK(c.hooks("vsetup-pre").empty());
  std::string g = d.global + "/vsetup-pre", p = d.domain + "/vsetup-pre";
  write_file(g, "#!/bin/sh\n");
  write_file(p, "#!/bin/sh\n");
  // No execute bit at all: switched off, skipped.
  REQUIRE(::chmod(g.c_str(), 0644) == 0);
  REQUIRE(::chmod(p.c_str(), 0644) == 0);
  CHECK(c.hooks("vsetup-pre").empty());
  REQUIRE(::chmod(p.c_str(), 0700) == 0);
  CHECK(c.hooks("vsetup-pre") == std::vector<std::string>{p});
  REQUIRE(::chmod(g.c_str(), 0001) == 0);  // any x bit counts
  CHECK(c.hooks("vsetup-pre") == std::vector<std::string>{g, p});
  CHECK(Config(d.global, "").hooks("vsetup-pre") == std::vector<std::string>{g});
  CHECK(c.hooks("vsetup-post").empty());
  // A symlink to an executable is followed.
  REQUIRE(::symlink(p.c_str(), (d.domain + "/vsetup-post").c_str()) == 0);
  CHECK(c.hooks("vsetup-post") == std::vector<std::string>{d.domain + "/vsetup-post"});
}

TEST_CASE("hooks: a hook path that is a directory is a permanent error") {
  Dirs d;
  std::string path = d.domain + "/checkvpw-error";
  REQUIRE(::mkdir(path.c_str(), 0755) == 0);
  vmm::Error e = vmm::testing::thrown_by([&] { d.config().hooks("checkvpw-error"); });
  CHECK(e.cls() == vmm::ErrorClass::permanent);
  CHECK(std::string(e.what()) == path + ": hook is not a regular file");
}
