// check, lookup, chattr, adduser2, adduser3, deluser (see commands.h).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/account_add.h"
#include "admin/account_change.h"
#include "admin/account_delete.h"
#include "admin/account_forwards.h"
#include "admin/account_lookup.h"
#include "admin/account_password.h"
#include "admin/account_plan.h"
#include "daemon/commands.h"
#include "domain/account_name.h"
#include "domain/password.h"
#include "fmt/record.h"
#include "sys/error.h"

namespace vmm::daemon {
namespace {

fmt::DaemonReply ok(std::string message) { return {fmt::DaemonCode::ok, std::move(message)}; }

// VMailMgr 0.97's attribute numbers (vdomain.h, vmail.inc).
enum Attribute {
  kPassword = 1,
  kForwards = 2,
  kHardQuota = 3,
  kSoftQuota = 4,
  kMessageSize = 5,
  kMessageCount = 6,
  kExpiry = 7,
  kMailboxEnabled = 8,
  kPersonal = 9,
};

int parse_attribute(std::string_view text) {
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '9') return text[0] - '0';
  throw Error(ErrorClass::usage, "invalid attribute '" + std::string(text) +
                                     "': one of 1 (password) to 9 (personal information)");
}

// The vchattr option letter and the words for each number attribute.
struct Simple {
  char letter;
  const char* what;
};
Simple simple_attribute(int attr) {
  switch (attr) {
    case kHardQuota: return {'Q', "hard quota"};
    case kSoftQuota: return {'q', "soft quota"};
    case kMessageSize: return {'z', "message size limit"};
    case kMessageCount: return {'c', "message count limit"};
    case kExpiry: return {'e', "expiry time"};
    case kMailboxEnabled: return {'E', "mailbox enabled flag"};
    default: return {'p', "personal information"};
  }
}

// VMailMgr skipped empty forwards: "" alone clears the list.
std::vector<std::string> given_forwards(const Args& a, std::size_t from) {
  std::vector<std::string> dests;
  for (std::size_t i = from; i < a.size(); ++i)
    if (!a[i].empty()) dests.push_back(a[i]);
  return dests;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// adduser2 / adduser3: domain user adminpass newpass dirname [has_mailbox] [forward...]
Answer add_user(const DaemonContext& ctx, const Args& a, bool version3) {
  Authorized who = authorize_account(ctx, a[0], a[1], a[2], Allowed::admin);
  const domain::Domain& d = who.domain;
  const std::string name = domain::account_name(who.account);
  const std::string& newpass = a[3];
  const std::string& dirname = a[4];

  admin::AccountOptions o;
  o.forwards = given_forwards(a, version3 ? 6 : 5);
  // adduser2: the directory is the mailbox, none without a dirname;
  // adduser3: the dirname defaults to the name, has_mailbox decides.
  o.mailbox = version3 ? !a[5].empty() : !dirname.empty();
  const bool directory = version3 || !dirname.empty();
  if (directory && !dirname.empty()) {
    if (!domain::is_valid_account_name(dirname))
      throw Error(ErrorClass::permanent,
                  "invalid directory name '" + dirname + "': it must be a valid account name");
    if (std::string dir = domain::account_name(dirname); dir != name)
      o.directory = d.new_account_dir(dir);
  }
  if (directory && !o.mailbox && !o.directory)
    o.directory = d.new_account_dir(name);  // the account directory, no Maildir in it
  // VMailMgr: an empty new password is an account that cannot log in.
  std::string hash = newpass.empty() ? "*" : domain::hash_new_password(newpass);
  admin::NewAccount account = admin::plan_account(d, name, o, hash, ctx.sys.now());
  domain::wipe(hash);
  std::vector<admin::NewAccount> added =
      admin::add_with_aliases(d, account, {}, ctx.sys.now(), [] { return std::string("*"); });
  const fmt::Record& r = added.front().record;
  std::string message = "user '" + name + "' successfully added";
  if (!r.has_mailbox) message += r.directory.empty() ? ", without a mailbox" : ", with a directory but no mailbox";
  if (!r.forwards.empty()) message += ", forwarding to " + joined(r.forwards);
  return ok(message);
}

}  // namespace

Answer check_command(const DaemonContext& ctx, const Args& a, ReplySink&) {
  Authorized who = authorize_account(ctx, a[0], a[1], a[2], Allowed::own);
  return ok("user '" + who.account + "' authenticated");
}

Answer lookup_command(const DaemonContext& ctx, const Args& a, ReplySink& out) {
  Authorized who = authorize_account(ctx, a[0], a[1], a[2], Allowed::admin_or_own);
  const std::string name = domain::account_name(who.account);
  fmt::Record r = admin::find_account(who.domain.table().read(), name);
  out.send(ok(fmt::encode_record(r)));
  return ok("record of user '" + name + "' sent");
}

Answer chattr_command(const DaemonContext& ctx, const Args& a, ReplySink&) {
  const int attr = parse_attribute(a[3]);
  const std::size_t values = a.size() - 4;
  if (attr != kForwards && values != 1)
    throw Error(ErrorClass::usage, "attribute " + a[3] + " takes one value, " +
                                       std::to_string(values) + " given");
  const bool own_allowed =
      attr == kPassword || attr == kForwards || attr == kMailboxEnabled || attr == kPersonal;
  Authorized who = authorize_account(ctx, a[0], a[1], a[2], own_allowed ? Allowed::admin_or_own : Allowed::admin);
  const std::string name = domain::account_name(who.account);
  store::Table table = who.domain.table();
  switch (attr) {
    case kPassword: {
      std::string hash = domain::hash_new_password(a[4]);
      admin::set_password(who.domain, name, hash);
      domain::wipe(hash);
      return ok("password for user '" + name + "' successfully changed");
    }
    case kForwards: {
      fmt::Record r = admin::change_forwards(table, name, given_forwards(a, 4));
      return ok(r.forwards.empty() ? "forwards of user '" + name + "' removed"
                                   : "forwards of user '" + name + "' set to " + joined(r.forwards));
    }
    default: {
      const Simple s = simple_attribute(attr);
      admin::AttrChange change;
      admin::set_attribute(change, s.letter, a[4]);
      admin::change_attributes(table, change, {name});
      return ok(std::string(s.what) + " of user '" + name + "' successfully changed");
    }
  }
}

Answer adduser2_command(const DaemonContext& ctx, const Args& a, ReplySink&) {
  return add_user(ctx, a, false);
}

Answer adduser3_command(const DaemonContext& ctx, const Args& a, ReplySink&) {
  return add_user(ctx, a, true);
}

Answer deluser_command(const DaemonContext& ctx, const Args& a, ReplySink&) {
  Authorized who = authorize_account(ctx, a[0], a[1], a[2], Allowed::admin);
  const std::string name = domain::account_name(who.account);
  std::vector<admin::Deleted> deleted = admin::delete_accounts(who.domain, {name}, false);
  const admin::Deleted& del = deleted.front();
  std::string message = "user '" + del.name + "' successfully deleted";
  if (del.outcome == admin::DirOutcome::kept || del.outcome == admin::DirOutcome::failed)
    message += "; directory " + del.directory + " not removed: " + del.reason;
  return ok(message);
}

}  // namespace vmm::daemon
