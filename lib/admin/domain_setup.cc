#include "admin/domain_setup.h"

#include "admin/account_add.h"
#include "admin/account_plan.h"
#include "auto/paths.h"
#include "domain/hooks.h"
#include "store/maildir_create.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"
#include "sys/file_replace.h"

namespace vmm::admin {
namespace {

constexpr std::size_t kMaxDotQmailBytes = 64 * 1024;

QmailDefault install_qmail_default(const std::string& home, const std::string& text) {
  const std::string path = home + "/.qmail-default";
  std::string old;
  bool had = sys::read_file_if_exists(path, kMaxDotQmailBytes, old);
  if (had && old == text) return QmailDefault::unchanged;
  if (had) sys::keep_copy(path, path + "~");  // path itself never goes missing
  // A whole .qmail-default or the old one, never none (qmail-local would
  // bounce); exactly 0644: qmail-local refuses a file others may write.
  sys::FileReplacement file(path, sys::temp_beside(path), 0644);
  sys::write_all(file.fd(), text, file.temp());
  file.commit(sys::FileReplacement::Sync::file);
  sys::fsync_dir(home);
  return had ? QmailDefault::replaced : QmailDefault::written;
}

}  // namespace

std::string qmail_default_text() { return std::string("|") + auto_conf::home + "/bin/vdeliver\n"; }

void run_setup_hooks(const domain::Domain& d, std::string_view hook) {
  int status = domain::run_hooks(d.config(), hook);
  if (status != 0)
    throw Error(ErrorClass::permanent,
                std::string(hook) + " hook failed with exit status " + std::to_string(status));
}

SetupResult setup_domain(const domain::Domain& d, std::time_t now, const std::string& qmail_default) {
  SetupResult result;
  // Everything that can be wrong in the settings is found before any change.
  const std::string target = d.config().str("postmaster-email");
  const store::TableSnapshot table = d.table().read();
  Plan plan;
  for (const std::string& name : d.config().list("postmaster-aliases")) {
    NewAccount alias = plan_alias(d, name, {target}, now);
    if (table.contains(alias.name) || plan.has_name(alias.name)) continue;
    fmt::Record& r = alias.record;
    r.hard_quota = r.soft_quota = r.msg_size = r.msg_count = r.expiry = std::nullopt;
    check_new_account(d, table, alias, plan);
    plan.add(d, std::move(alias));
  }
  result.user_dir = d.absolute(d.config().dir("user-dir"));
  while (result.user_dir.size() > 1 && result.user_dir.back() == '/') result.user_dir.pop_back();

  if (sys::file_kind(result.user_dir, sys::Links::follow) != sys::FileKind::directory) {
    store::create_parents(result.user_dir);
    store::create_level(result.user_dir);
    result.made_user_dir = true;
  }
  result.qmail_default = install_qmail_default(d.home(), qmail_default);
  if (plan.size() > 0) add_accounts(d, plan.accounts());
  for (const NewAccount& a : plan.accounts()) result.added_aliases.push_back(a.name);
  return result;
}

}  // namespace vmm::admin
