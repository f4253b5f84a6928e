// Who may do what through vmailmgrd (SPEC §15): the domain and user of a
// request resolve like a login (SPEC §5); the password given is the
// domain's admin password (domain/admin_password.h, else the base user's
// system password) or the account's own — or a session token standing for
// one of them (the web pages, vmailmgr.cgi(8)): a token the host key signed,
// not expired, for the request's domain, whose stamp matches the password
// hash stored now. An admin token counts as the domain's admin password, an
// own token as the own password of its one account. Once the base user is
// known the process becomes it for good (groups, gid, uid), so every file of
// the domain is read and written with its rights, never root's; the host
// key is read before that, as root.
#pragma once
#include <string>
#include <string_view>

#include "daemon/session_key.h"
#include "daemon/system.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "domain/domain.h"
#include "domain/login.h"

namespace vmm::daemon {

// What every command needs from outside: the global settings, the user
// database and the process.
struct DaemonContext {
  const domain::Config& global;
  const domain::UserDb& users;
  DaemonSystem& sys;
  // The host key of session tokens; nullptr: no tokens (vpoppassd).
  SessionKeySource* keys = nullptr;
};

// The labels of session stamps (SessionKeySource::stamp): the stamp of an
// admin token never equals an own token's, even for one hash.
inline constexpr std::string_view kAdminStampLabel = "admin", kOwnStampLabel = "own";

enum class Authority { admin, own };
// admin: the admin password; own: the account's own password (it exists and
// has not expired); admin_or_own: either; login: the own password of an
// account that could log in (SPEC §5 step 4: a mailbox, enabled, not
// expired) — vpoppassd's rule.
enum class Allowed { admin, own, admin_or_own, login };

struct Authorized {
  domain::BaseUser base;
  domain::Domain domain;
  std::string account;  // lowercased as resolved, not yet checked as a name; "" for a domain
  Authority by = Authority::admin;
  std::string domain_name;  // the request's domain as resolved (lowercased), what a token names
  // The session stamp of the password hash that let the request in, when
  // the host key had been read before (by a token, or by the session
  // command first); "" otherwise.
  std::string stamp;
};

// A request about one account. Every refusal — a malformed or unknown
// domain or user, a system user, a base user with uid 0, a wrong or empty
// password, a locked admin password, the own password of an account that
// does not exist or has expired, a token of another domain, account or
// authority or from before a password change — is Error(bad_login, <why>),
// for the log only: the client is told no more than "authentication
// failed". A password shaped like a token (looks_like_session_token) makes
// the host key be read: a key file that cannot be used is an error, not a
// refusal. A token that does not verify (altered, expired, another key) is
// tried as a password like any other. With
// admin_or_own the account's own password is tried first, then the admin
// password; an unknown account still costs a hash. Errors reading the
// settings, the admin-password file or the table propagate.
Authorized authorize_account(const DaemonContext& ctx, std::string_view domain,
                             std::string_view user, std::string_view password, Allowed allowed);

// "v1." and six dot-separated fields, the last one 64 hex digits: what
// fmt::session_token_make gives. Only such a password is checked as a token.
bool looks_like_session_token(std::string_view password);

// A login as a mail client gives it (SPEC §5: separators, TCPLOCALHOST,
// ip-domains, default-domain), for vpoppassd: Allowed::login, with the same
// refusals as authorize_account. Never a session token.
Authorized authorize_login(const DaemonContext& ctx, std::string_view login,
                           const domain::LoginEnv& env, std::string_view password);

// A request about a whole domain (listdomain): a virtual domain of
// control/virtualdomains whose base user exists; the admin password only.
Authorized authorize_domain(const DaemonContext& ctx, std::string_view domain,
                            std::string_view password);

}  // namespace vmm::daemon
