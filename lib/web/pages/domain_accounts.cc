#include "web/pages/domain_accounts.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "fmt/ascii.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages/account_forms.h"

namespace vmm::web {
namespace {

std::string range_link(const PageFrame& frame, const AccountPage& page, std::size_t start,
                       std::string_view text) {
  std::string query = "start=" + std::to_string(start);
  if (!page.find.empty()) query += "&find=" + url_encode(page.find);
  return "<a href=\"" + page_link(frame, query) + "\">" + std::string(text) + "</a>";
}

std::string search_form(const PageFrame& frame, const AccountPage& page) {
  return "<form method=\"get\" action=\"" + html_escape(frame.script) + "\" class=\"search\" role=\"search\">\n"
         "<label for=\"find\">Find accounts</label>\n"
         "<input type=\"search\" id=\"find\" name=\"find\" autocapitalize=\"none\" maxlength=\"64\" value=\"" +
         html_escape(page.find) + "\">\n<button type=\"submit\">Find</button>\n</form>\n";
}

// "Accounts 51-100 of 1234" (or "matching ..."), with the links either side.
std::string range_line(const PageFrame& frame, const AccountPage& page) {
  std::string b = "<p class=\"pages\">";
  if (page.start > 0)
    b += range_link(frame, page, page.start > kAccountsPerPage ? page.start - kAccountsPerPage : 0,
                    "Previous") + " ";
  if (page.shown.empty()) {
    b += page.find.empty() ? "No accounts." : "No account name contains &ldquo;" + html_escape(page.find) + "&rdquo;.";
  } else {
    b += "Accounts " + std::to_string(page.start + 1) + "-" + std::to_string(page.start + page.shown.size()) +
         " of " + std::to_string(page.found);
    if (!page.find.empty()) b += " whose name contains &ldquo;" + html_escape(page.find) + "&rdquo;";
    b += ".";
  }
  if (page.start + page.shown.size() < page.found)
    b += " " + range_link(frame, page, page.start + page.shown.size(), "Next");
  return b + "</p>\n";
}

}  // namespace

AccountPage select_accounts(const std::vector<ListedAccount>& listing, std::string_view find,
                            std::string_view start) {
  AccountPage page;
  page.find = std::string(find.substr(0, 64));  // the field's maxlength
  // Sort keys made once per account, not per comparison: a domain may
  // list a hundred thousand.
  std::vector<std::pair<std::string, std::size_t>> found;
  for (std::size_t i = 0; i < listing.size(); ++i)
    if (fmt::contains_nocase(listing[i].name, page.find)) found.emplace_back(fmt::ascii_lowered(listing[i].name), i);
  std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : listing[a.second].name < listing[b.second].name;
  });
  page.found = found.size();
  page.start = small_count(start).value_or(0);
  if (page.start >= found.size()) page.start = 0;
  for (std::size_t i = page.start; i < found.size() && page.shown.size() < kAccountsPerPage; ++i)
    page.shown.push_back(found[i].second);
  return page;
}

std::string accounts_page(const PageFrame& frame, std::string_view domain, const AccountPage& page,
                          const std::vector<AccountRow>& rows, std::string_view message) {
  std::string b;
  if (!message.empty()) b += notice(message, true);
  b += search_form(frame, page);
  b += range_line(frame, page);
  b += "<table id=\"accounts\">\n<thead><tr><th>Account</th><th>Mailbox</th><th>Enabled</th>"
       "<th>Forwards</th><th>Quota</th><th>Usage</th></tr></thead>\n<tbody>\n";
  for (const AccountRow& r : rows) {
    const fmt::Record& rec = r.record;
    std::string fw;
    for (const std::string& f : rec.forwards) fw += (fw.empty() ? "" : ", ") + html_escape(f);
    b += "<tr id=\"account-" + html_escape(r.name) + "\">";
    b += "<td data-label=\"Account\"><a href=\"" +
         page_link(frame, "p=account&name=" + url_encode(r.name)) + "\">" + html_escape(r.name) +
         "</a>";
    if (!rec.personal.empty()) b += "<br><small>" + html_escape(rec.personal) + "</small>";
    b += "</td>";
    b += "<td data-label=\"Mailbox\">" + html_escape(mailbox_text(rec)) + "</td>";
    b += "<td data-label=\"Enabled\">" +
         std::string(rec.has_mailbox ? (rec.mailbox_enabled ? "yes" : "no") : "-") + "</td>";
    b += "<td data-label=\"Forwards\">" + (fw.empty() ? std::string("-") : fw) + "</td>";
    b += "<td data-label=\"Quota\">" +
         (rec.has_mailbox ? html_escape(format_limit(rec.hard_quota, true)) : std::string("-")) +
         "</td>";
    b += "<td data-label=\"Usage\">" + html_escape(usage_text(r.usage)) + "</td>";
    b += "</tr>\n";
  }
  if (rows.empty())
    b += std::string("<tr><td colspan=\"6\">") + (page.find.empty() ? "No accounts yet." : "None found.") +
         "</td></tr>\n";
  b += "</tbody>\n</table>\n";
  if (page.found > kAccountsPerPage) b += range_line(frame, page);

  b += "<h2>Add an account</h2>\n";
  b += post_form(frame, "add_account",
                 "<label for=\"new_name\">Name</label>\n"
                 "<input type=\"text\" id=\"new_name\" name=\"name\" autocapitalize=\"none\" "
                 "maxlength=\"64\" placeholder=\"joe\">\n"
                 "<label for=\"new_password\">Password</label>\n"
                 "<input type=\"password\" id=\"new_password\" name=\"password\" "
                 "autocomplete=\"new-password\" maxlength=\"1024\">\n"
                 "<label for=\"new_password2\">Password again</label>\n"
                 "<input type=\"password\" id=\"new_password2\" name=\"password2\" "
                 "autocomplete=\"new-password\" maxlength=\"1024\">\n"
                 "<label for=\"new_forwards\">Also forward to (optional)</label>\n"
                 "<textarea id=\"new_forwards\" name=\"forwards\" rows=\"2\" "
                 "autocapitalize=\"none\"></textarea>\n"
                 "<button type=\"submit\">Add account</button>\n");
  b += "<h2>Add an alias</h2>\n";
  b += post_form(frame, "add_alias",
                 "<label for=\"alias_name\">Alias</label>\n"
                 "<input type=\"text\" id=\"alias_name\" name=\"name\" autocapitalize=\"none\" "
                 "maxlength=\"64\" placeholder=\"sales\">\n"
                 "<label for=\"alias_forwards\">Forward to</label>\n"
                 "<textarea id=\"alias_forwards\" name=\"forwards\" rows=\"2\" "
                 "autocapitalize=\"none\"></textarea>\n"
                 "<p class=\"hint\">One address or account per line. An alias has no mailbox "
                 "and no password.</p>\n"
                 "<button type=\"submit\">Add alias</button>\n");
  return render_page(frame, "Accounts of " + std::string(domain), b);
}

}  // namespace vmm::web
