#include "web/pages/account_admin.h"

#include "web/form.h"
#include "web/html.h"

namespace vmm::web {
namespace {

std::string limit_value(const fmt::Limit& l) { return l ? std::to_string(*l) : std::string(); }

std::string limit_field(const char* id, const char* label, const fmt::Limit& value,
                        const char* hint) {
  return std::string("<label for=\"") + id + "\">" + label + "</label>\n<input type=\"text\" id=\"" +
         id + "\" name=\"" + id + "\" inputmode=\"numeric\" maxlength=\"20\" value=\"" +
         html_escape(limit_value(value)) + "\" placeholder=\"unlimited\">\n<p class=\"hint\">" +
         hint + "</p>\n";
}

}  // namespace

std::string account_admin_page(const PageFrame& frame, const AccountView& v,
                               std::string_view message) {
  const fmt::Record& r = v.record;
  const std::string name_field =
      "<input type=\"hidden\" name=\"name\" value=\"" + html_escape(v.name) + "\">\n";
  std::string b;
  if (!message.empty()) b += notice(message, true);
  b += "<p><a href=\"" + page_link(frame, "") + "\">&larr; All accounts</a></p>\n";
  b += "<section>\n" + account_summary(r, v.usage);
  if (r.has_mailbox) {
    b += post_form(frame, "set_mailbox",
                   name_field + "<input type=\"hidden\" name=\"enabled\" value=\"" +
                       (r.mailbox_enabled ? "0" : "1") + "\">\n<button type=\"submit\">" +
                       (r.mailbox_enabled ? "Disable mailbox" : "Enable mailbox") + "</button>\n");
  }
  b += "</section>\n";
  b += password_form(frame, "set_password", v.name, false);
  b += forwards_form(frame, "set_forwards", v.name, r.forwards);
  if (r.has_mailbox) {
    b += "<section>\n<h2>Limits</h2>\n" +
         post_form(frame, "set_limits",
                   name_field +
                       limit_field("hard_quota", "Quota (bytes)", r.hard_quota,
                                   "Mail is refused when the mailbox holds this much; empty: unlimited.") +
                       limit_field("soft_quota", "Soft quota (bytes)", r.soft_quota,
                                   "Above it, only small messages are accepted; empty: unlimited.") +
                       limit_field("message_size", "Largest message (bytes)", r.msg_size, "Empty: unlimited.") +
                       limit_field("message_count", "Most messages", r.msg_count, "Empty: unlimited.") +
                       "<button type=\"submit\">Save limits</button>\n") +
         "</section>\n";
  }
  b += "<section>\n<h2>Name</h2>\n" +
       post_form(frame, "set_personal",
                 name_field +
                     "<label for=\"personal\">Personal information</label>\n"
                     "<input type=\"text\" id=\"personal\" name=\"personal\" maxlength=\"200\" value=\"" +
                     html_escape(r.personal) + "\">\n<button type=\"submit\">Save</button>\n") +
       "</section>\n";
  b += autoresponse_form(frame, "autoresponse", v.name, v.autoresponse);
  b += "<section>\n<h2>Delete</h2>\n<p><a id=\"delete-link\" href=\"" +
       page_link(frame, "p=delete&name=" + url_encode(v.name)) + "\">Delete " +
       html_escape(v.name) + "&hellip;</a></p>\n</section>\n";
  return render_page(frame, v.name + "@" + v.domain, b);
}

std::string delete_confirm_page(const PageFrame& frame, std::string_view domain,
                                std::string_view name, const fmt::Record& r) {
  std::string b = "<section>\n<p>Delete the account <strong>" + html_escape(name) + "@" +
                  html_escape(domain) + "</strong>";
  if (r.has_mailbox) b += " and <strong>all the mail in its mailbox</strong>";
  b += "? This cannot be undone.</p>\n";
  b += post_form(frame, "delete",
                 "<input type=\"hidden\" name=\"name\" value=\"" + html_escape(name) +
                     "\">\n<input type=\"hidden\" name=\"confirm\" value=\"yes\">\n"
                     "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Delete " +
                     html_escape(name) + "</button>\n<a href=\"" +
                     page_link(frame, "p=account&name=" + url_encode(name)) +
                     "\">Cancel</a></div>\n");
  b += "</section>\n";
  return render_page(frame, "Delete " + std::string(name) + "?", b);
}

}  // namespace vmm::web
