#include "admin/account_dump.h"

#include "admin/account_lookup.h"
#include "domain/account_name.h"

namespace vmm::admin {

namespace {

std::string limit_text(const fmt::Limit& n) { return n ? std::to_string(*n) : "N/A"; }

const char* truth(bool b) { return b ? "true" : "false"; }

// One line whatever an old record holds: a control byte would let the value
// forge "Key: value" lines for the scripts that parse the dump.
std::string one_line(std::string_view value) {
  std::string out(value);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '_';
  return out;
}

}  // namespace

std::string dump_record(std::string_view name, const fmt::Record& r) {
  std::string out;
  auto line = [&out](const char* key, std::string_view value) {
    out.append(key).append(": ").append(value).append("\n");
  };
  line("Name", name);
  line("Encrypted-Password", r.password);
  line("Directory", r.directory);
  for (const std::string& forward : r.forwards) line("Forward", forward);
  line("Hard-Quota", limit_text(r.hard_quota));
  line("Soft-Quota", limit_text(r.soft_quota));
  line("Message-Size-Limit", limit_text(r.msg_size));
  line("Message-Count-Limit", limit_text(r.msg_count));
  line("Creation-Time", limit_text(r.ctime));
  line("Expiry-Time", limit_text(r.expiry));
  line("Has-Mailbox", truth(r.has_mailbox));
  line("Mailbox-Enabled", truth(r.mailbox_enabled));
  // Beyond 0.97, which left it out (SPEC §13); last, so no 0.97 line moves.
  line("Personal", one_line(r.personal));
  return out;
}

std::string dump_account(const store::TableSnapshot& table, std::string_view raw_name) {
  std::string name = domain::account_name(raw_name);
  return dump_record(name, find_account(table, name));
}

}  // namespace vmm::admin
