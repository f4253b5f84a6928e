// One authpipe request answered (SPEC §14): PRE and AUTH through the same
// login code as checkvpw (auth::authenticate, rehash on login, the loginfail
// hooks), PASSWD through the administration tools' password change, ENUMERATE.
#pragma once
#include <string>

#include "auth/system.h"
#include "domain/base_user.h"
#include "domain/config.h"
#include "fmt/authpipe.h"

namespace vmm::courier {

// The reply to request, in authpipe's grammar; it never throws for anything
// a request, a table or a setting holds. global is read afresh for each
// request (pass a new Config): a long-lived process sees changed settings.
//   bad      FAIL.
//   PRE      the user's fields (courier/userinfo) if the login may log in at
//            all (no password checked), else FAIL.
//   AUTH     authtype "login" only (else FAIL); the login's fields after a
//            good password, with rehash on login; else FAIL after the
//            authvmailmgr-loginfail hooks (global, then per-domain as the
//            base user) with AUTHVMAILMGR_ERROR set to the reason.
//   PASSWD   OK when LOGIN logs in with OLD, is a virtual account and NEW
//            passes SPEC §4's rules: the new hash is stored by the base user
//            (the table stays its own). Else FAIL; a wrong OLD runs the
//            loginfail hooks like AUTH.
//   ENUMERATE  courier/enumerate's listing, FAIL when it cannot be made.
// Every FAIL and every password change leaves one line through warn,
// naming the login and the reason, never a password. process is seen
// through CourierLoginSystem: TCPLOCALHOST and TCPLOCALIP never count.
std::string answer(const fmt::AuthpipeRequest& request, auth::LoginSystem& process,
                   const domain::UserDb& users, const domain::Config& global);

}  // namespace vmm::courier
