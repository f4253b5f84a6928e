// A mail user's own page (SPEC §18): the account's state, its password
// (confirmed with the current one), its forwards and its autoresponse.
// Nothing on it names the account in a form: the session does.
#pragma once
#include <string>
#include <string_view>

#include "web/page.h"
#include "web/pages/account_admin.h"

namespace vmm::web {

std::string own_account_page(const PageFrame& frame, const AccountView& view,
                             std::string_view message);

}  // namespace vmm::web
