#include "action/account_setup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "action/account_add.h"
#include "action/account_plan.h"
#include "auto/paths.h"
#include "domain/hooks.h"
#include "store/maildir_create.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::action {
namespace {

constexpr std::size_t kMaxDotQmailBytes = 64 * 1024;

bool is_directory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Writes text to a new file next to path and renames it over path, so
// qmail-local always finds a whole .qmail-default (a missing one would bounce mail).
void replace_file(const std::string& path, const std::string& text) {
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  ::unlink(temp.c_str());
  sys::Fd fd = sys::open_file(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
  try {
    // qmail-local refuses a .qmail file others may write: exactly 0644.
    if (::fchmod(fd.get(), 0644) != 0) throw_errno("change the mode of " + temp);
    sys::write_all(fd.get(), text, temp);
    sys::fsync_fd(fd.get(), temp);
    fd.close();
    if (::rename(temp.c_str(), path.c_str()) != 0) throw_errno("rename " + temp + " to " + path);
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
}

// Keeps the current path as path~ (a hard link, so path never goes missing).
void keep_backup(const std::string& path) {
  const std::string backup = path + "~";
  const std::string temp = backup + ".tmp." + std::to_string(::getpid());
  ::unlink(temp.c_str());
  if (::link(path.c_str(), temp.c_str()) != 0) throw_errno("link " + path + " to " + temp);
  if (::rename(temp.c_str(), backup.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    throw errno_error("rename " + temp + " to " + backup, err);
  }
}

QmailDefault install_qmail_default(const std::string& home, const std::string& text) {
  const std::string path = home + "/.qmail-default";
  std::string old;
  bool had = sys::read_file_if_exists(path, kMaxDotQmailBytes, old);
  if (had && old == text) return QmailDefault::unchanged;
  if (had) keep_backup(path);
  replace_file(path, text);
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

  if (!is_directory(result.user_dir)) {
    store::create_parents(result.user_dir);
    store::create_level(result.user_dir);
    result.made_user_dir = true;
  }
  result.qmail_default = install_qmail_default(d.home(), qmail_default);
  if (plan.size() > 0) add_accounts(d, plan.accounts());
  for (const NewAccount& a : plan.accounts()) result.added_aliases.push_back(a.name);
  return result;
}

}  // namespace vmm::action
