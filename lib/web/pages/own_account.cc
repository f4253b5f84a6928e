#include "web/pages/own_account.h"

#include "web/pages/account_forms.h"

namespace vmm::web {

std::string own_account_page(const PageFrame& frame, const AccountView& v,
                             std::string_view message) {
  std::string b;
  if (!message.empty()) b += notice(message, true);
  b += "<section>\n" + account_summary(v.record, v.usage) + "</section>\n";
  b += password_form(frame, "own_password", "", true);
  b += forwards_form(frame, "own_forwards", "", v.record.forwards);
  b += autoresponse_form(frame, "own_autoresponse", "", v.autoresponse);
  return render_page(frame, v.name + "@" + v.domain, b);
}

}  // namespace vmm::web
