#include "domain/config_registry.h"

#include <stdexcept>
#include <string>

#include "auto/paths.h"

namespace vmm::domain {

namespace {

using T = SettingType;

// Kept from VMailMgr first, then the new settings, then the hooks (SPEC §2).
constexpr Setting kSettings[] = {
    {"qmail-root", T::directory, auto_conf::qmail},
    {"separators", T::string, "@:"},
    {"password-file", T::string, "passwd"},
    {"user-dir", T::directory, "users"},
    {"user-dir-bits", T::number, "0"},
    {"user-dir-slices", T::number, "0"},
    {"default-username", T::string, "+"},
    {"default-hardquota", T::number, "-"},
    {"default-softquota", T::number, "-"},
    {"default-msgsize", T::number, "-"},
    {"default-msgcount", T::number, "-"},
    {"default-expiry", T::number, "-"},
    {"postmaster-aliases", T::list, "mailer-daemon\npostmaster\nroot\n"},
    {"postmaster-email", T::string, "postmaster@"},
    {"maildir-arg-str", T::string, "maildir"},
    {"error-maildir", T::directory, "/var/lib/vmailmgr/error-maildir"},
    {"default-maildir", T::string, "Maildir"},
    {"default-domain", T::string, ""},
    {"ip-domains", T::list, ""},
    {"system-logins", T::number, "1"},
    {"rehash-on-login", T::number, "1"},
    {"sendmail", T::string, "/usr/sbin/sendmail"},
    {"autoresponse-dir", T::string, "autoresponse"},
    {"autoresponse-file", T::string, "message.txt"},
    {"autoresponse-interval", T::number, "86400"},
    {"socket-file", T::string, "/run/vmailmgrd/socket"},
    {"record-last-login", T::number, "1"},
    {"domains-home", T::directory, "/var/lib/vmailmgr/domains"},
    {"qmail-send-services", T::list, "/service/qmail-send\n/etc/service/qmail-send\n/var/service/qmail-send\n"},
    {"control-index", T::directory, "/var/lib/vmailmgr/control-index"},
    {"session-idle", T::number, "900"},
    {"session-key-file", T::string, "session-key"},
    {"checkvpw-presetuid", T::executable, ""},
    {"checkvpw-postsetuid", T::executable, ""},
    {"checkvpw-postexec", T::executable, ""},
    {"checkvpw-loginfail", T::executable, ""},
    {"checkvpw-error", T::executable, ""},
    {"vdeliver-predeliver", T::executable, ""},
    {"vdeliver-postdeliver", T::executable, ""},
    {"vsetup-pre", T::executable, ""},
    {"vsetup-post", T::executable, ""},
    {"authvmailmgr-loginfail", T::executable, ""},
};

}  // namespace

std::span<const Setting> settings() { return kSettings; }

const Setting& find_setting(std::string_view name) {
  for (const Setting& s : kSettings)
    if (s.name == name) return s;
  throw std::logic_error("unknown setting '" + std::string(name) + "'");
}

}  // namespace vmm::domain
