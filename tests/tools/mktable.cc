// mktable: builds a domain table for the checkvpw tests with the library
// (store::Table, fmt::Record, domain::hash_password), not with the admin tools.
//   mktable HOME < lines
//   mktable --hash PASSWORD   prints a new hash (for shadow entries)
// One account per line: NAME then KEY=VALUE words:
//   pw=PLAINTEXT  hashed with the preferred method     hash=HASH  stored as is
//   dir=DIR       stored directory (default ./users/NAME; "" with dir=)
//   mailbox=0|1   has-mailbox flag (default 1)         enabled=0|1 (default 1)
//   fwd=ADDR      a forward (repeatable)               personal=TEXT (no spaces)
//   hardquota= softquota= msgsize= msgcount= ctime= expiry=  (number or -)
// Every account with a mailbox also gets its Maildir (cur new tmp) under HOME.
// Blank lines and lines starting with # are skipped. Errors: exit 111.

#include <exception>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "domain/password.h"
#include "fmt/record.h"
#include "store/table.h"

namespace {

vmm::fmt::Limit limit(const std::string& v) {
  if (v == "-") return std::nullopt;
  return std::stoull(v);
}

std::pair<std::string, vmm::fmt::Record> parse(const std::string& line) {
  std::istringstream words(line);
  std::string name, word;
  words >> name;
  vmm::fmt::Record r;
  r.has_mailbox = true;
  r.ctime = 1700000000;
  r.directory = "./users/" + name;
  while (words >> word) {
    std::size_t eq = word.find('=');
    if (eq == std::string::npos) throw std::runtime_error("no '=' in '" + word + "'");
    std::string key = word.substr(0, eq), value = word.substr(eq + 1);
    if (key == "pw") r.password = vmm::domain::hash_password(value);
    else if (key == "hash") r.password = value;
    else if (key == "dir") r.directory = value;
    else if (key == "mailbox") r.has_mailbox = value == "1";
    else if (key == "enabled") r.mailbox_enabled = value == "1";
    else if (key == "fwd") r.forwards.push_back(value);
    else if (key == "personal") r.personal = value;
    else if (key == "hardquota") r.hard_quota = limit(value);
    else if (key == "softquota") r.soft_quota = limit(value);
    else if (key == "msgsize") r.msg_size = limit(value);
    else if (key == "msgcount") r.msg_count = limit(value);
    else if (key == "ctime") r.ctime = limit(value);
    else if (key == "expiry") r.expiry = limit(value);
    else throw std::runtime_error("unknown key '" + key + "'");
  }
  return {name, r};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--hash") {
    std::cout << vmm::domain::hash_password(argv[2]) << "\n";
    return 0;
  }
  if (argc != 2) {
    std::cerr << "usage: mktable HOME < lines\n";
    return 100;
  }
  const std::string home = argv[1];
  try {
    std::vector<std::pair<std::string, vmm::fmt::Record>> accounts;
    std::string line;
    while (std::getline(std::cin, line)) {
      if (line.empty() || line[0] == '#') continue;
      accounts.push_back(parse(line));
    }
    vmm::store::Table(home).update(
        [&](const vmm::store::TableSnapshot&, vmm::store::TableChange& change) {
          for (const auto& [name, record] : accounts) change.put(name, record);
        });
    for (const auto& [name, record] : accounts) {
      if (!record.has_mailbox || record.directory.empty()) continue;
      const std::string& d = record.directory;
      std::string dir = d[0] == '/' ? d : home + "/" + d;
      for (const char* sub : {"cur", "new", "tmp"})
        std::filesystem::create_directories(dir + "/" + sub);
    }
  } catch (const std::exception& e) {
    std::cerr << "mktable: " << e.what() << "\n";
    return 111;
  }
  return 0;
}
