// deliver_mktable: builds a domain's account table for vdeliver's tests with
// the library itself (not the admin tools), one account per stdin line:
//   NAME [mailbox] [disabled] [dir=STORED] [fwd=DEST]... [hard=N] [soft=N]
//        [size=N] [count=N] [expiry=UNIXTIME] [password=HASH] [pw=PLAINTEXT]
// mailbox: the account has a Maildir, at dir= or where the domain puts new
// accounts; it is created (with its parents) unless it exists. pw= stores a
// new hash of the preferred method; without password or pw the hash is "*". Limits
// default to unlimited; "-" is unlimited too. Settings come from HOME's
// .vmailmgr and $VMAILMGR_ETC as for every tool.
//   deliver_mktable HOME < accounts
// Exit 0, or 111 with a message; bad usage or a bad line: 2.
#include <sys/stat.h>

#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/domain.h"
#include "domain/password.h"
#include "store/maildir_create.h"
#include "sys/error.h"

namespace {

vmm::fmt::Limit limit(const std::string& v) {
  if (v == "-") return std::nullopt;
  return std::stoull(v);
}

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: deliver_mktable HOME < accounts\n", stderr);
    return 2;
  }
  try {
    vmm::domain::Domain domain = vmm::domain::Domain::at_home(argv[1]);
    std::vector<std::pair<std::string, vmm::fmt::Record>> accounts;
    std::string line;
    while (std::getline(std::cin, line)) {
      std::istringstream words(line);
      std::string name, w;
      if (!(words >> name) || name[0] == '#') continue;
      vmm::fmt::Record r;
      r.password = "*";
      r.ctime = 1700000000;
      while (words >> w) {
        std::size_t eq = w.find('=');
        std::string key = w.substr(0, eq), v = eq == std::string::npos ? "" : w.substr(eq + 1);
        if (key == "mailbox") r.has_mailbox = true;
        else if (key == "disabled") r.mailbox_enabled = false;
        else if (key == "dir") r.directory = v;
        else if (key == "fwd") r.forwards.push_back(v);
        else if (key == "hard") r.hard_quota = limit(v);
        else if (key == "soft") r.soft_quota = limit(v);
        else if (key == "size") r.msg_size = limit(v);
        else if (key == "count") r.msg_count = limit(v);
        else if (key == "expiry") r.expiry = limit(v);
        else if (key == "password") r.password = v;
        else if (key == "pw") r.password = vmm::domain::hash_password(v);
        else {
          std::fprintf(stderr, "deliver_mktable: unknown word '%s'\n", w.c_str());
          return 2;
        }
      }
      if (r.has_mailbox && r.directory.empty()) r.directory = domain.new_account_dir(name);
      if (r.has_mailbox) {
        std::string path = domain.absolute(r.directory);
        if (!is_dir(path)) {
          vmm::store::create_parents(path);
          vmm::store::create_maildir(path);
        }
      }
      accounts.emplace_back(name, r);
    }
    domain.table().update([&](const vmm::store::TableSnapshot&, vmm::store::TableChange& change) {
      for (const auto& [name, record] : accounts) change.put(name, record);
    });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "deliver_mktable: %s\n", e.what());
    return 111;
  }
  return 0;
}
