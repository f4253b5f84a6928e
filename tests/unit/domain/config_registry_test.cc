#include "domain/config_registry.h"

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "auto/paths.h"

using vmm::domain::find_setting;
using vmm::domain::settings;
using vmm::domain::SettingType;

TEST_CASE("the registry holds every setting of SPEC §2 and §17 exactly once") {
  std::set<std::string_view> names;
  for (const auto& s : settings()) CHECK(names.insert(s.name).second);
  CHECK(settings().size() == 42);
  CHECK(names.size() == 42);
}

TEST_CASE("types and defaults") {
  struct Want {
    const char* name;
    SettingType type;
    std::string text;
  } want[] = {
      {"qmail-root", SettingType::directory, vmm::auto_conf::qmail},
      {"separators", SettingType::string, "@:"},
      {"password-file", SettingType::string, "passwd"},
      {"user-dir", SettingType::directory, "users"},
      {"user-dir-bits", SettingType::number, "0"},
      {"user-dir-slices", SettingType::number, "0"},
      {"default-username", SettingType::string, "+"},
      {"default-hardquota", SettingType::number, "-"},
      {"default-softquota", SettingType::number, "-"},
      {"default-msgsize", SettingType::number, "-"},
      {"default-msgcount", SettingType::number, "-"},
      {"default-expiry", SettingType::number, "-"},
      {"postmaster-aliases", SettingType::list, "mailer-daemon\npostmaster\nroot\n"},
      {"postmaster-email", SettingType::string, "postmaster@"},
      {"maildir-arg-str", SettingType::string, "maildir"},
      {"error-maildir", SettingType::directory, "/var/lib/vmailmgr/error-maildir"},
      {"default-maildir", SettingType::string, "Maildir"},
      {"default-domain", SettingType::string, ""},
      {"ip-domains", SettingType::list, ""},
      {"system-logins", SettingType::number, "1"},
      {"rehash-on-login", SettingType::number, "1"},
      {"sendmail", SettingType::string, "/usr/sbin/sendmail"},
      {"autoresponse-dir", SettingType::string, "autoresponse"},
      {"autoresponse-file", SettingType::string, "message.txt"},
      {"autoresponse-interval", SettingType::number, "86400"},
      {"socket-file", SettingType::string, "/run/vmailmgrd/socket"},
      {"record-last-login", SettingType::number, "1"},
      {"domains-home", SettingType::directory, "/var/lib/vmailmgr/domains"},
      {"qmail-send-services", SettingType::list,
       "/service/qmail-send\n/etc/service/qmail-send\n/var/service/qmail-send\n"},
      {"control-index", SettingType::directory, "/var/lib/vmailmgr/control-index"},
      {"session-idle", SettingType::number, "900"},
      {"session-key-file", SettingType::string, "session-key"},
      {"checkvpw-presetuid", SettingType::executable, ""},
      {"checkvpw-postsetuid", SettingType::executable, ""},
      {"checkvpw-postexec", SettingType::executable, ""},
      {"checkvpw-loginfail", SettingType::executable, ""},
      {"checkvpw-error", SettingType::executable, ""},
      {"vdeliver-predeliver", SettingType::executable, ""},
      {"vdeliver-postdeliver", SettingType::executable, ""},
      {"vsetup-pre", SettingType::executable, ""},
      {"vsetup-post", SettingType::executable, ""},
      {"authvmailmgr-loginfail", SettingType::executable, ""},
  };
  REQUIRE(settings().size() == std::size(want));
  for (std::size_t i = 0; i < std::size(want); ++i) {
    CAPTURE(want[i].name);
    // Registry order is showvconfig's order.
    CHECK(settings()[i].name == want[i].name);
    const auto& s = find_setting(want[i].name);
    CHECK(&s == &settings()[i]);
    CHECK(s.type == want[i].type);
    CHECK(s.default_text == want[i].text);
  }
}

TEST_CASE("an unknown setting name is a logic_error naming it") {
  CHECK_THROWS_WITH_AS(find_setting("no-such-setting"), "unknown setting 'no-such-setting'",
                       std::logic_error);
  CHECK_THROWS_AS(find_setting(""), std::logic_error);
  CHECK_THROWS_AS(find_setting("Separators"), std::logic_error);
}
