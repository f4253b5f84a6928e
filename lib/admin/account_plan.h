// What a new account will be, decided before anything is touched (issue 4:
// validate everything first, then make the directory, then the table).
// vadduser, vaddalias, vaddusers and vsetup all plan their accounts here.
#pragma once
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "domain/domain.h"
#include "fmt/record.h"
#include "store/table.h"

namespace vmm::admin {

// What vadduser's command line asks for. Unset limits take the domain's
// default-* settings; a set one may be nullopt ("-", unlimited) or 0.
struct AccountOptions {
  bool mailbox = true;                   // -D clears it
  std::optional<std::string> directory;  // -d, as given
  std::vector<std::string> forwards;     // -f, in order, as given
  std::string personal;                  // -p
  std::optional<fmt::Limit> hard_quota, soft_quota, msg_size, msg_count;
  std::optional<fmt::Limit> expiry;  // absolute time (parse_lifetime); unset: default-expiry
};

enum class MakeDir { none, plain, maildir };

struct NewAccount {
  std::string name;  // valid and lowercased
  fmt::Record record;
  MakeDir make = MakeDir::none;
};

// The account NAME with the password hash given (may be filled in later).
// The name goes through domain::account_name (Error(permanent) when invalid).
// ctime = now; expiry = options, else now + default-expiry; directory = -d
// (see stored_directory), else for a mailbox Domain::new_account_dir, else
// none. A mailbox gets a Maildir; -D with -d gets a plain directory.
// Personal information with a control character is Error(permanent).
NewAccount plan_account(const domain::Domain& d, std::string_view name, const AccountOptions& o,
                        std::string password_hash, std::time_t now);

// An alias: no mailbox, no directory, password "*", forwarding to dests,
// limits from the default-* settings (as VMailMgr's vadduser -D -P gave).
NewAccount plan_alias(const domain::Domain& d, std::string_view name,
                      std::vector<std::string> dests, std::time_t now);

// A -d value as stored: an absolute path as given, otherwise "./" + the
// path relative to the base home. What domain::account_dir_problem refuses
// (empty, "." alone, a ".." component, a control byte, the home itself, the
// settings directory) is Error(permanent, "invalid directory 'DIR': ...").
std::string stored_directory(std::string_view given, std::string_view home);

// The accounts planned so far in one run, in order, with their names and
// directories indexed so a batch of any size is checked in linear time.
class Plan {
 public:
  // Adds a (already checked); d resolves its directory.
  void add(const domain::Domain& d, NewAccount a);
  const std::vector<NewAccount>& accounts() const { return accounts_; }
  std::size_t size() const { return accounts_.size(); }
  // Drops every account added after the first n (a batch line gone bad).
  void truncate(std::size_t n);
  bool has_name(std::string_view name) const { return names_.contains(std::string(name)); }
  bool has_directory(const std::string& absolute) const { return dirs_.contains(absolute); }

 private:
  std::vector<NewAccount> accounts_;
  std::vector<std::string> account_dirs_;  // absolute, "" when none is made
  std::unordered_set<std::string> names_, dirs_;
};

// Error(permanent) with a message naming the problem when a cannot be added
// to table next to the accounts planned before it in the same run (earlier):
// "account 'NAME' already exists", "account 'NAME' is given twice", an
// invalid forward (domain::check_forward; a bare name also matches an account
// planned earlier), "directory DIR already exists" (nothing is ever taken
// over), "directory DIR is given twice".
void check_new_account(const domain::Domain& d, const store::TableSnapshot& table,
                       const NewAccount& a, const Plan& earlier);

}  // namespace vmm::admin
