#include "admin/config_show.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "auto/paths.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;

namespace {

std::string defaults_with(const std::string& bits, const std::string& sep) {
  return std::string("qmail-root: ") + auto_conf::qmail + "/\n" +
         "separators: " + sep + "\n"
         "password-file: passwd\n"
         "user-dir: users/\n"
         "user-dir-bits: " + bits + "\n"
         "user-dir-slices: 0\n"
         "default-username: +\n"
         "default-hardquota: -\n"
         "default-softquota: -\n"
         "default-msgsize: -\n"
         "default-msgcount: -\n"
         "default-expiry: -\n"
         "postmaster-aliases: mailer-daemon, postmaster, root\n"
         "postmaster-email: postmaster@\n"
         "maildir-arg-str: maildir\n"
         "error-maildir: /var/lib/vmailmgr/error-maildir/\n"
         "default-maildir: Maildir\n"
         "default-domain: \n"
         "ip-domains: \n"
         "system-logins: 1\n"
         "rehash-on-login: 1\n"
         "sendmail: /usr/sbin/sendmail\n"
         "autoresponse-dir: autoresponse\n"
         "autoresponse-file: message.txt\n"
         "autoresponse-interval: 86400\n"
         "socket-file: /run/vmailmgrd/socket\n"
         "record-last-login: 1\n"
         "domains-home: /var/lib/vmailmgr/domains/\n"
         "qmail-send-services: /service/qmail-send, /etc/service/qmail-send, /var/service/qmail-send\n"
         "control-index: /var/lib/vmailmgr/control-index/\n"
         "session-idle: 900\n"
         "session-key-file: session-key\n";
}

// Sets an environment variable for one scope.
struct EnvVar {
  std::string name, saved;
  bool had;
  EnvVar(const std::string& n, const std::string& value) : name(n) {
    const char* old = getenv(n.c_str());
    had = old != nullptr;
    if (had) saved = old;
    setenv(n.c_str(), value.c_str(), 1);
  }
  ~EnvVar() {
    if (had) setenv(name.c_str(), saved.c_str(), 1);
    else unsetenv(name.c_str());
  }
};

}  // namespace

TEST_CASE("showvconfig: every default, then per-domain over global") {
  TempHome h;
  domain::Config global(h.etc, "");
  CHECK(show_config(global) == defaults_with("0", "@:"));
  write_file(h.etc + "/separators", "@%\n");
  write_file(h.etc + "/user-dir-bits", "6\n");
  h.set("user-dir-bits", "4\n");
  global = domain::Config(h.etc, "");  // a Config reads each file once
  CHECK(show_config(global) == defaults_with("6", "@%"));
  CHECK(show_config(global.for_domain(h.home)) == defaults_with("4", "@%"));
}

TEST_CASE("showvconfig: a setting that does not parse is an error naming its file") {
  TempHome h;
  h.set("default-msgsize", "ten\n");
  CHECK(error_of([&] { show_config(domain::Config(h.etc, h.home + "/.vmailmgr")); }) ==
        h.home + "/.vmailmgr/default-msgsize: bad number 'ten'");
}

TEST_CASE("showvconfig: HOME picks the per-domain directory only when it is a directory") {
  TempHome h;
  EnvVar etc("VMAILMGR_ETC", h.etc);
  CHECK(config_for_home(h.home.c_str()).domain_dir() == h.home + "/.vmailmgr");
  CHECK(config_for_home(h.home.c_str()).global_dir() == h.etc);
  CHECK(config_for_home(nullptr).domain_dir().empty());
  CHECK(config_for_home("").domain_dir().empty());
  CHECK(config_for_home((h.home + "/missing").c_str()).domain_dir().empty());
  write_file(h / "file", "x");
  CHECK(config_for_home((h / "file").c_str()).domain_dir().empty());
  CHECK(config_for_home(nullptr).global_dir() == h.etc);
}
