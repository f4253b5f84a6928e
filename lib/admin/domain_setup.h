// vsetup (SPEC §8): make the base user's home a domain — the user-dir,
// .qmail-default piping to vdeliver, and the postmaster aliases. Running it
// again changes nothing.
#pragma once
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "domain/domain.h"

namespace vmm::admin {

// "|<conf-home>/bin/vdeliver\n"
std::string qmail_default_text();

enum class QmailDefault {
  unchanged,  // it already held exactly the wanted text
  written,    // there was none
  replaced,   // a different one was kept as .qmail-default~
};

struct SetupResult {
  std::string user_dir;  // absolute
  bool made_user_dir = false;
  QmailDefault qmail_default = QmailDefault::unchanged;
  std::vector<std::string> added_aliases;  // in postmaster-aliases order
  bool changed() const {
    return made_user_dir || qmail_default != QmailDefault::unchanged || !added_aliases.empty();
  }
};

// Runs the vsetup-pre or vsetup-post hooks; a non-zero status is
// Error(permanent, "HOOK hook failed with exit status N").
void run_setup_hooks(const domain::Domain& d, std::string_view hook);

// 1. the user-dir (and its parents), 0755, when missing;
// 2. home/.qmail-default = qmail_default (mode 0644), replaced atomically;
//    a different old one is first kept as .qmail-default~;
// 3. every postmaster-aliases name that is not an account yet becomes an
//    alias forwarding to postmaster-email as written (password "*", no
//    mailbox, no directory, no limits and no expiry: the postmaster must
//    always be reachable), all in one table update. Existing accounts of
//    those names are kept as they are.
// The alias names and the forward are checked before anything is made.
SetupResult setup_domain(const domain::Domain& d, std::time_t now,
                         const std::string& qmail_default = qmail_default_text());

}  // namespace vmm::admin
