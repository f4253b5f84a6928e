// account_show: prints a table's accounts decoded, one line each, so the
// account tools' e2e tests can assert every field; and checks passwords.
//   account_show FILE                   every record in file order:
//     NAME pw=HASH dir=DIR fw=A,B personal=TEXT quota=HARD/SOFT size=N
//     count=N ctime=T expiry=T mailbox=0|1 enabled=0|1      ("-" = unlimited)
//   account_show FILE NAME PASSWORD     exit 0 when PASSWORD verifies for
//     NAME, 1 when it does not, 2 when NAME is missing or locked
// A record that does not decode prints "NAME: bad record: WHY". Errors: exit 111.
#include <cstdio>
#include <exception>
#include <string>

#include "domain/password.h"
#include "fmt/record.h"
#include "store/table.h"

namespace {

std::string limit(const vmm::fmt::Limit& n) { return n ? std::to_string(*n) : "-"; }

std::string line(std::string_view name, const vmm::fmt::Record& r) {
  std::string fw;
  for (const std::string& f : r.forwards) fw += (fw.empty() ? "" : ",") + f;
  return std::string(name) + " pw=" + r.password + " dir=" + r.directory + " fw=" + fw +
         " personal=" + r.personal + " quota=" + limit(r.hard_quota) + "/" + limit(r.soft_quota) +
         " size=" + limit(r.msg_size) + " count=" + limit(r.msg_count) + " ctime=" + limit(r.ctime) +
         " expiry=" + limit(r.expiry) + " mailbox=" + (r.has_mailbox ? "1" : "0") +
         " enabled=" + (r.mailbox_enabled ? "1" : "0");
}

int verify(const vmm::store::TableSnapshot& table, const std::string& name, const std::string& pw) {
  vmm::fmt::Record r;
  if (table.find(name, r) != vmm::store::Lookup::found) return 2;
  switch (vmm::domain::check_password(r.password, pw)) {
    case vmm::domain::PasswordCheck::match: return 0;
    case vmm::domain::PasswordCheck::mismatch: return 1;
    case vmm::domain::PasswordCheck::locked: return 2;
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 4) {
    std::fputs("usage: account_show FILE [NAME PASSWORD]\n", stderr);
    return 111;
  }
  try {
    vmm::store::TableSnapshot table(argv[1]);
    if (argc == 4) return verify(table, argv[2], argv[3]);
    table.for_each([](std::string_view name, std::string_view raw) {
      std::string out;
      try {
        out = line(name, vmm::fmt::decode_record(raw));
      } catch (const std::exception& e) {
        out = std::string(name) + ": bad record: " + e.what();
      }
      std::printf("%s\n", out.c_str());
      return true;
    });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "account_show: %s\n", e.what());
    return 111;
  }
  return 0;
}
