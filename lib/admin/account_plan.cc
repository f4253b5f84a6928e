#include "admin/account_plan.h"


#include <limits>
#include <utility>

#include "domain/account_dir.h"
#include "domain/account_name.h"
#include "sys/dir.h"
#include "sys/error.h"

namespace vmm::admin {
namespace {

fmt::Limit limit_or_default(const std::optional<fmt::Limit>& given, const domain::Config& c,
                            std::string_view setting) {
  return given ? *given : c.number(setting);
}

fmt::Limit default_expiry(const domain::Config& c, std::time_t now) {
  fmt::Limit lifetime = c.number("default-expiry");
  if (!lifetime) return std::nullopt;
  std::uint64_t base = now < 0 ? 0 : static_cast<std::uint64_t>(now);
  if (*lifetime > std::numeric_limits<std::uint64_t>::max() - base)
    throw Error(ErrorClass::permanent, "setting default-expiry is too large");
  return base + *lifetime;
}

bool exists(const std::string& path) {
  return sys::file_kind(path, sys::Links::no_follow) != sys::FileKind::missing;
}

}  // namespace

std::string stored_directory(std::string_view given, std::string_view home) {
  if (std::string why = domain::account_dir_problem(given, home); !why.empty())
    throw Error(ErrorClass::permanent, "invalid directory '" + std::string(given) + "': " + why);
  if (given.front() == '/' || given.starts_with("./")) return std::string(given);
  return "./" + std::string(given);
}

NewAccount plan_account(const domain::Domain& d, std::string_view name, const AccountOptions& o,
                        std::string password_hash, std::time_t now) {
  const domain::Config& c = d.config();
  NewAccount a;
  a.name = domain::account_name(name);
  fmt::Record& r = a.record;
  r.password = std::move(password_hash);
  r.has_mailbox = o.mailbox;
  r.mailbox_enabled = true;
  r.forwards = o.forwards;
  for (unsigned char ch : o.personal)
    if (ch < 0x20 || ch == 0x7f)
      throw Error(ErrorClass::permanent, "invalid personal information: it contains a control character");
  r.personal = o.personal;
  r.hard_quota = limit_or_default(o.hard_quota, c, "default-hardquota");
  r.soft_quota = limit_or_default(o.soft_quota, c, "default-softquota");
  r.msg_size = limit_or_default(o.msg_size, c, "default-msgsize");
  r.msg_count = limit_or_default(o.msg_count, c, "default-msgcount");
  r.ctime = now < 0 ? 0 : static_cast<std::uint64_t>(now);
  r.expiry = o.expiry ? *o.expiry : default_expiry(c, now);
  if (o.directory) {
    r.directory = stored_directory(*o.directory, d.home());
    a.make = o.mailbox ? MakeDir::maildir : MakeDir::plain;
  } else if (o.mailbox) {
    r.directory = d.new_account_dir(a.name);
    a.make = MakeDir::maildir;
  }
  return a;
}

NewAccount plan_alias(const domain::Domain& d, std::string_view name,
                      std::vector<std::string> dests, std::time_t now) {
  AccountOptions o;
  o.mailbox = false;
  o.forwards = std::move(dests);
  return plan_account(d, name, o, "*", now);
}

void Plan::add(const domain::Domain& d, NewAccount a) {
  std::string dir = a.make == MakeDir::none ? "" : d.absolute(a.record.directory);
  names_.insert(a.name);
  if (!dir.empty()) dirs_.insert(dir);
  account_dirs_.push_back(std::move(dir));
  accounts_.push_back(std::move(a));
}

void Plan::truncate(std::size_t n) {
  while (accounts_.size() > n) {
    names_.erase(accounts_.back().name);
    if (!account_dirs_.back().empty()) dirs_.erase(account_dirs_.back());
    accounts_.pop_back();
    account_dirs_.pop_back();
  }
}

void check_new_account(const domain::Domain& d, const store::TableSnapshot& table,
                       const NewAccount& a, const Plan& earlier) {
  auto fail = [](const std::string& why) { throw Error(ErrorClass::permanent, why); };
  if (table.contains(a.name)) fail("account '" + a.name + "' already exists");
  if (earlier.has_name(a.name)) fail("account '" + a.name + "' is given twice");
  for (const std::string& dest : a.record.forwards) {
    if (dest.find('@') == std::string::npos && earlier.has_name(store::table_key(dest))) continue;
    domain::check_forward(dest, table);
  }
  if (a.make == MakeDir::none) return;
  std::string path = d.absolute(a.record.directory);
  if (exists(path)) fail("directory " + path + " already exists");
  if (earlier.has_directory(path)) fail("directory " + path + " is given twice");
}

}  // namespace vmm::admin
