#include "web/pages/account_forms.h"

#include "web/html.h"

namespace vmm::web {
namespace {

std::string name_field(std::string_view name) {
  if (name.empty()) return {};
  return "<input type=\"hidden\" name=\"name\" value=\"" + html_escape(name) + "\">\n";
}

// An autoresponse the pages start from when there is none yet.
constexpr std::string_view kTemplate =
    "Subject: Away: %S\n\nI am away and will read your message when I am back.\n";

}  // namespace

std::string password_form(const PageFrame& frame, std::string_view action, std::string_view name,
                          bool ask_current) {
  std::string inner = name_field(name);
  if (ask_current)
    inner +=
        "<label for=\"current\">Current password</label>\n"
        "<input type=\"password\" id=\"current\" name=\"current\" autocomplete=\"current-password\" "
        "maxlength=\"1024\">\n";
  inner +=
      "<label for=\"password\">New password</label>\n"
      "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\" "
      "maxlength=\"1024\">\n"
      "<label for=\"password2\">New password again</label>\n"
      "<input type=\"password\" id=\"password2\" name=\"password2\" autocomplete=\"new-password\" "
      "maxlength=\"1024\">\n"
      "<button type=\"submit\">Change password</button>\n";
  return "<section>\n<h2>Password</h2>\n" + post_form(frame, action, inner) + "</section>\n";
}

std::string forwards_form(const PageFrame& frame, std::string_view action, std::string_view name,
                          const std::vector<std::string>& forwards) {
  std::string inner = name_field(name);
  inner +=
      "<label for=\"forwards\">Forward mail to</label>\n"
      "<textarea id=\"forwards\" name=\"forwards\" rows=\"3\" autocapitalize=\"none\">" +
      html_escape(forwards_text(forwards)) +
      "</textarea>\n"
      "<p class=\"hint\">One address per line (or an account of this domain); empty: no "
      "forwarding.</p>\n"
      "<button type=\"submit\">Save forwards</button>\n";
  return "<section>\n<h2>Forwards</h2>\n" + post_form(frame, action, inner) + "</section>\n";
}

std::string autoresponse_form(const PageFrame& frame, std::string_view action,
                              std::string_view name, const AutoresponseView& view) {
  std::string h = "<section>\n<h2>Autoresponse</h2>\n";
  if (view.status.empty()) return h + "<p>" + html_escape(view.reason) + "</p>\n</section>\n";
  const bool on = view.status == "enabled";
  const std::string shown = view.status == "nonexistant" ? "none" : view.status;
  h += "<p>Status: <strong id=\"autoresponse-status\">" + html_escape(shown) + "</strong></p>\n";
  std::string inner = name_field(name);
  inner +=
      "<label for=\"message\">Message</label>\n"
      "<textarea id=\"message\" name=\"message\" rows=\"7\">" +
      html_escape(view.message ? *view.message : std::string(kTemplate)) +
      "</textarea>\n"
      "<p class=\"hint\">Header lines (at least <code>Subject:</code>; <code>%S</code> is the "
      "subject of the mail answered), an empty line, then the text.</p>\n"
      "<label class=\"check\"><input type=\"checkbox\" name=\"enabled\" value=\"1\"" +
      std::string(on ? " checked" : "") +
      "> Send this reply to people who write (at most once a day each)</label>\n"
      "<button type=\"submit\">Save autoresponse</button>\n";
  return h + post_form(frame, action, inner) + "</section>\n";
}

std::string forwards_text(const std::vector<std::string>& forwards) {
  std::string s;
  for (const std::string& f : forwards) s += f + "\n";
  return s;
}

std::vector<std::string> forwards_of_text(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}


std::string mailbox_text(const fmt::Record& r) {
  if (r.has_mailbox) return "yes";
  return r.password == "*" && r.directory.empty() ? "alias" : "no";
}

std::string usage_text(const std::optional<MailboxUsage>& u) {
  if (!u) return "-";
  return std::to_string(u->messages()) + (u->messages() == 1 ? " message, " : " messages, ") +
         format_bytes(u->bytes());
}

std::string account_summary(const fmt::Record& r, const std::optional<MailboxUsage>& usage) {
  std::string h = "<dl>\n";
  auto row = [&](const char* term, const std::string& value, const char* id) {
    h += std::string("<dt>") + term + "</dt><dd id=\"" + id + "\">" + html_escape(value) + "</dd>\n";
  };
  row("Mailbox", mailbox_text(r), "summary-mailbox");
  if (r.has_mailbox) row("Enabled", r.mailbox_enabled ? "yes" : "no", "summary-enabled");
  std::string fw;
  for (const std::string& f : r.forwards) fw += (fw.empty() ? "" : ", ") + f;
  row("Forwards", fw.empty() ? "none" : fw, "summary-forwards");
  if (r.has_mailbox) {
    row("Quota", format_limit(r.hard_quota, true), "summary-quota");
    // stat is the administrator's: a user's own page has no usage to show
    if (usage) row("Usage", usage_text(usage), "summary-usage");
  }
  if (!r.personal.empty()) row("Name", r.personal, "summary-personal");
  return h + "</dl>\n";
}

}  // namespace vmm::web
