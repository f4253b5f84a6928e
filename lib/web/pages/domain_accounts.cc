#include "web/pages/domain_accounts.h"

#include "web/form.h"
#include "web/html.h"
#include "web/pages/account_forms.h"

namespace vmm::web {

std::string accounts_page(const PageFrame& frame, std::string_view domain,
                          const std::vector<AccountRow>& rows, std::string_view message) {
  std::string b;
  if (!message.empty()) b += notice(message, true);
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
  if (rows.empty()) b += "<tr><td colspan=\"6\">No accounts yet.</td></tr>\n";
  b += "</tbody>\n</table>\n";

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
