#include "admin/account_autoresponse.h"

#include "admin/account_lookup.h"
#include "fmt/header_fields.h"
#include "store/table.h"
#include "sys/error.h"

namespace vmm::admin {

domain::Autoresponse account_autoresponse(const domain::Domain& domain, std::string_view name) {
  const std::string key = store::table_key(std::string(name));
  fmt::Record r = find_account(domain.table().read(), key);
  if (r.directory.empty())
    throw Error(ErrorClass::permanent, "account '" + key + "' has no directory for an autoresponse");
  return domain::Autoresponse(domain.config(), domain.absolute(r.directory));
}

std::string autoresponse_warning(std::string_view message) {
  if (!domain::message_problem(message).empty()) return "";  // refused anyway: say why, once
  fmt::ParsedHeader h = fmt::parse_header(message);
  if (h.body_offset == 0)
    return "the message has no header lines: all of it is the body, and replies are titled "
           "'Auto: <the original subject>'";
  if (!fmt::find_field(h.fields, "Subject"))
    return "the message has no Subject line: replies are titled 'Auto: <the original subject>'";
  return "";
}

}  // namespace vmm::admin
