#include "web/app.h"

#include <optional>
#include <string>
#include <vector>

#include "web/cookie.h"
#include "web/csrf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/page.h"
#include "web/pages/account_admin.h"
#include "web/pages/domain_accounts.h"
#include "web/pages/login.h"
#include "web/pages/own_account.h"
#include "web/session.h"

namespace vmm::web {
namespace {

// A page saying why nothing happened, with a way back.
Response message_page(const PageFrame& frame, int status, std::string_view title,
                      std::string_view text, std::string_view back_query = {},
                      std::string_view back_label = "Back") {
  Response r;
  r.status = status;
  std::string b = notice(text, false);
  b += "<p><a href=\"" + page_link(frame, back_query) + "\">" + html_escape(back_label) + "</a></p>\n";
  r.body = render_page(frame, title, b);
  return r;
}

std::string session_cookie(const CgiRequest& req, const std::string& token) {
  return set_cookie(kSessionCookie, token, {.secure = req.https});
}
std::string cleared_cookie(const CgiRequest& req) {
  return set_cookie(kSessionCookie, "", {.secure = req.https, .max_age = 0});
}

// HTTP_HOST as a client sent it, if it can only be a host[:port].
bool plain_host(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
      return false;
  return true;
}

// The 303's target: an absolute URL (a CGI's "Location: /path" alone would
// be a server-side redirect that drops the cookie).
Response redirect_page(const CgiRequest& req, std::string_view query) {
  std::string url = req.script;
  if (!query.empty()) url += "?" + std::string(query);
  if (plain_host(req.host)) url = (req.https ? "https://" : "http://") + req.host + url;
  return redirect_to(url);
}

// A name as the pages put it in a link: something an account name can be.
bool plausible_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name)
    if (c <= 0x20 || c == 0x7f) return false;
  return true;
}

std::string done_text(std::string_view done, std::string_view name) {
  const std::string n = plausible_name(name) ? std::string(name) : std::string("the account");
  if (done == "added") return "Account " + n + " added.";
  if (done == "alias") return "Alias " + n + " added.";
  if (done == "deleted") return "Account " + n + " deleted.";
  if (done == "password") return "Password changed.";
  if (done == "forwards") return "Forwards saved.";
  if (done == "limits") return "Limits saved.";
  if (done == "mailbox_on") return "Mailbox enabled.";
  if (done == "mailbox_off") return "Mailbox disabled.";
  if (done == "personal") return "Personal information saved.";
  if (done == "autoresponse") return "Autoresponse saved.";
  if (done == "autoresponse_removed") return "Autoresponse removed.";
  return {};
}

std::string who_text(const WebSession& s) {
  return s.admin ? "administrator of " + s.domain : s.user + "@" + s.domain;
}

std::optional<MailboxUsage> usage_of(DaemonClient& d, const WebSession& s,
                                     const std::string& name, const fmt::Record& r) {
  if (!r.has_mailbox) return std::nullopt;
  try {
    return d.stat(s.domain, name, s.token);
  } catch (const DaemonRefused&) {
    return std::nullopt;  // no Maildir yet, say: the page shows "-"
  }
}

AccountView account_view(DaemonClient& d, const WebSession& s, const std::string& name) {
  AccountView v;
  v.domain = s.domain;
  v.name = name;
  v.record = d.lookup(s.domain, name, s.token);
  v.usage = usage_of(d, s, name, v.record);
  if (v.record.directory.empty()) {
    v.autoresponse.reason = "An alias has no directory to keep an autoresponse in.";
  } else {
    v.autoresponse.status = d.autoresponse(s.domain, name, s.token, "status");
    if (v.autoresponse.status == "enabled" || v.autoresponse.status == "disabled")
      v.autoresponse.message = d.autoresponse_message(s.domain, name, s.token);
  }
  return v;
}

Response login_page_response(const PageFrame& frame, int status, const LoginNotice& n,
                             std::string_view address = {}, std::string_view domain = {}) {
  Response r;
  r.status = status;
  r.body = login_page(frame, n, address, domain);
  return r;
}

// The session has ended (idle, a password change, a forged cookie): the
// cookie goes, the login page says why.
Response session_ended(const CgiRequest& req, const PageFrame& logged_out) {
  Response r = login_page_response(
      logged_out, 200,
      {"Your session has ended (unused for too long, or the password was changed). Please log in "
       "again.",
       false});
  r.cookies.push_back(cleared_cookie(req));
  return r;
}

// Every request renews the session (idle expiry, SPEC §18): false when the
// daemon no longer takes the token (expired, a password change since).
bool renew(DaemonClient& d, WebSession& s) {
  try {
    s.token = d.session(s.domain, s.user, s.token);
    return true;
  } catch (const DaemonRefused& e) {
    if (e.authentication_failed()) return false;
    throw;
  }
}

// ---- GET -------------------------------------------------------------------

Response show(const CgiRequest& req, DaemonClient& d) {
  const Form q = Form::parse(req.query);
  const std::string p = q.get("p").value_or("");
  PageFrame frame{req.script, "", ""};
  if (p == "style.css") {
    Response r;
    r.content_type = "text/css; charset=utf-8";
    r.body = stylesheet();
    return r;
  }
  const std::optional<std::string> cookie = cookie_value(req.cookies, kSessionCookie);
  std::optional<WebSession> s;
  if (cookie && !cookie->empty()) s = session_of_token(*cookie);
  if (!s) {
    if (cookie && !cookie->empty()) return session_ended(req, frame);
    LoginNotice n;
    if (q.get("done") == "logout") n = {"You are logged out.", true};
    return login_page_response(frame, 200, n);
  }
  if (!renew(d, *s)) return session_ended(req, frame);
  frame = {req.script, s->token, who_text(*s)};
  const std::string done = done_text(q.get("done").value_or(""), q.get("name").value_or(""));
  Response r;
  r.cookies.push_back(session_cookie(req, s->token));
  try {
    if (!s->admin) {
      if (!p.empty()) {
        Response m = message_page(frame, 403, "Not allowed",
                                  "This page is for the domain's administrator.", "", "Your account");
        m.cookies = r.cookies;
        return m;
      }
      r.body = own_account_page(frame, account_view(d, *s, s->user), done);
      return r;
    }
    if (p.empty()) {
      std::vector<ListedAccount> listing = d.listdomain(s->domain, s->token);
      const AccountPage page = select_accounts(listing, q.get("find").value_or(""), q.get("start").value_or(""));
      std::vector<AccountRow> rows;
      for (std::size_t i : page.shown) {
        ListedAccount& a = listing[i];
        std::optional<MailboxUsage> u = usage_of(d, *s, a.name, a.record);
        rows.push_back({std::move(a.name), std::move(a.record), u});
      }
      r.body = accounts_page(frame, s->domain, page, rows, done);
      return r;
    }
    const std::string name = q.get("name").value_or("");
    if (p == "account" && !name.empty()) {
      r.body = account_admin_page(frame, account_view(d, *s, name), done);
      return r;
    }
    if (p == "delete" && !name.empty()) {
      r.body = delete_confirm_page(frame, s->domain, name, d.lookup(s->domain, name, s->token));
      return r;
    }
    Response m = message_page(frame, 404, "No such page", "There is no such page.", "", "All accounts");
    m.cookies = r.cookies;
    return m;
  } catch (const DaemonRefused& e) {
    Response m = message_page(frame, 400, "Refused", std::string("vmailmgrd: ") + e.what(), "",
                              s->admin ? "All accounts" : "Your account");
    m.cookies = r.cookies;
    return m;
  }
}

// ---- POST ------------------------------------------------------------------

// CR LF from a textarea as LF, the way the message files are kept.
std::string unix_lines(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out.push_back(text[i]);
  return out;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// A refusal of the pages themselves, before anything goes to the daemon.
struct Refusal {
  std::string text;
};

std::string required(const Form& f, const char* field, const char* what) {
  std::string v = f.get(field).value_or("");
  if (v.empty()) throw Refusal{std::string(what) + " is missing."};
  return v;
}

std::string new_password(const Form& f) {
  std::string p = f.get("password").value_or("");
  if (p.empty()) throw Refusal{"The new password is empty."};
  if (p != f.get("password2").value_or("")) throw Refusal{"The two passwords differ."};
  return p;
}

// autoresponse: write the message (or remove it when emptied), then switch
// it on or off as the checkbox says. The done code.
std::string save_autoresponse(DaemonClient& d, const WebSession& s, const std::string& user,
                              const Form& f) {
  const std::string message = unix_lines(f.get("message").value_or(""));
  if (blank(message)) {
    if (d.autoresponse(s.domain, user, s.token, "status") != "nonexistant")
      d.autoresponse(s.domain, user, s.token, "delete");
    return "autoresponse_removed";
  }
  d.autoresponse(s.domain, user, s.token, "write", message);
  d.autoresponse(s.domain, user, s.token, f.get("enabled") == "1" ? "enable" : "disable");
  return "autoresponse";
}

// The limits that differ from the record, one chattr each.
void save_limits(DaemonClient& d, const WebSession& s, const std::string& name, const Form& f) {
  const fmt::Record r = d.lookup(s.domain, name, s.token);
  struct Field {
    const char* name;
    Attribute attr;
    const fmt::Limit& now;
  };
  const Field fields[] = {{"hard_quota", Attribute::hard_quota, r.hard_quota},
                          {"soft_quota", Attribute::soft_quota, r.soft_quota},
                          {"message_size", Attribute::message_size, r.msg_size},
                          {"message_count", Attribute::message_count, r.msg_count}};
  for (const Field& x : fields) {
    std::optional<std::string> v = f.get(x.name);
    if (!v) continue;
    std::string value = *v;
    while (!value.empty() && value.back() == ' ') value.pop_back();
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    const std::string current = x.now ? std::to_string(*x.now) : "";
    if (value == current || (value == "-" && !x.now)) continue;
    d.chattr(s.domain, name, s.token, x.attr, {value.empty() ? std::string("-") : value});
  }
}

Response admin_action(const CgiRequest& req, DaemonClient& d, const WebSession& s,
                      const std::string& action, const Form& f) {
  const std::string name = f.get("name").value_or("");
  const std::string account_page = "p=account&name=" + url_encode(name);
  auto back_to_account = [&](const std::string& done) {
    return redirect_page(req, account_page + "&done=" + done);
  };
  if (action == "add_account") {
    required(f, "name", "The account's name");
    const std::string pw = new_password(f);
    d.add_account(s.domain, name, s.token, pw, forwards_of_text(f.get("forwards").value_or("")));
    return redirect_page(req, "done=added&name=" + url_encode(name));
  }
  if (action == "add_alias") {
    required(f, "name", "The alias's name");
    std::vector<std::string> to = forwards_of_text(f.get("forwards").value_or(""));
    if (to.empty()) throw Refusal{"An alias needs at least one address to forward to."};
    d.add_alias(s.domain, name, s.token, to);
    return redirect_page(req, "done=alias&name=" + url_encode(name));
  }
  required(f, "name", "The account's name");
  if (action == "set_password") {
    d.chattr(s.domain, name, s.token, Attribute::password, {new_password(f)});
    return back_to_account("password");
  }
  if (action == "set_forwards") {
    d.chattr(s.domain, name, s.token, Attribute::forwards,
             forwards_of_text(f.get("forwards").value_or("")));
    return back_to_account("forwards");
  }
  if (action == "set_limits") {
    save_limits(d, s, name, f);
    return back_to_account("limits");
  }
  if (action == "set_mailbox") {
    const bool on = f.get("enabled") == "1";
    d.chattr(s.domain, name, s.token, Attribute::mailbox_enabled, {on ? "1" : "0"});
    return back_to_account(on ? "mailbox_on" : "mailbox_off");
  }
  if (action == "set_personal") {
    d.chattr(s.domain, name, s.token, Attribute::personal, {f.get("personal").value_or("")});
    return back_to_account("personal");
  }
  if (action == "autoresponse") return back_to_account(save_autoresponse(d, s, name, f));
  if (action == "delete") {
    if (f.get("confirm") != "yes") throw Refusal{"The deletion was not confirmed."};
    d.deluser(s.domain, name, s.token);
    return redirect_page(req, "done=deleted&name=" + url_encode(name));
  }
  throw Refusal{"There is no such change."};
}

Response own_action(const CgiRequest& req, DaemonClient& d, const WebSession& s,
                    const std::string& action, const Form& f) {
  if (action == "own_password") {
    const std::string current = f.get("current").value_or("");
    const std::string pw = new_password(f);
    try {
      // the current password, not the session, authorizes this change
      d.chattr(s.domain, s.user, current, Attribute::password, {pw});
    } catch (const DaemonRefused& e) {
      if (e.authentication_failed()) throw Refusal{"The current password is not right."};
      throw;
    }
    // the change killed every token of the account (its stamp): a new
    // session from the new password
    Response r = redirect_page(req, "done=password");
    r.cookies.push_back(session_cookie(req, d.session(s.domain, s.user, pw)));
    return r;
  }
  if (action == "own_forwards") {
    d.chattr(s.domain, s.user, s.token, Attribute::forwards,
             forwards_of_text(f.get("forwards").value_or("")));
    return redirect_page(req, "done=forwards");
  }
  if (action == "own_autoresponse")
    return redirect_page(req, "done=" + save_autoresponse(d, s, s.user, f));
  throw Refusal{"There is no such change."};
}

Response login(const CgiRequest& req, DaemonClient& d, const std::string& action, const Form& f) {
  const PageFrame frame{req.script, "", ""};
  const std::string password = f.get("password").value_or("");
  std::string domain, user, address;
  if (action == "login_user") {
    address = f.get("address").value_or("");
    const std::size_t at = address.rfind('@');
    if (at == std::string::npos || at == 0 || at + 1 == address.size())
      return login_page_response(frame, 400, {"Write the address as name@domain.", false}, address);
    user = address.substr(0, at);
    domain = address.substr(at + 1);
  } else {
    domain = f.get("domain").value_or("");
    if (domain.empty()) return login_page_response(frame, 400, {"The domain is missing.", false});
  }
  std::string token;
  try {
    token = d.session(domain, user, password);
  } catch (const DaemonRefused& e) {
    const std::string text = e.authentication_failed()
                                 ? std::string("Login failed: wrong ") +
                                       (user.empty() ? "domain or admin password." : "address or password.")
                                 : std::string("Login failed: vmailmgrd: ") + e.what();
    return login_page_response(frame, 403, {text, false}, user.empty() ? "" : address,
                               user.empty() ? domain : "");
  }
  Response r = redirect_page(req, "");
  r.cookies.push_back(session_cookie(req, token));
  return r;
}

// An Origin header naming another host: a cross-site post, refused even
// before the anti-CSRF field is looked at.
bool foreign_origin(const CgiRequest& req) {
  if (req.origin.empty() || req.origin == "null") return false;
  std::string_view o = req.origin;
  for (std::string_view scheme : {"http://", "https://"})
    if (o.substr(0, scheme.size()) == scheme) return o.substr(scheme.size()) != req.host;
  return true;
}

Response change(const CgiRequest& req, DaemonClient& d) {
  PageFrame frame{req.script, "", ""};
  if (foreign_origin(req))
    return message_page(frame, 403, "Refused", "This form was sent from another site; nothing was changed.");
  const Form f = Form::parse(req.body);
  const std::string action = f.get("action").value_or("");
  if (action == "login_user" || action == "login_admin") return login(req, d, action, f);

  const std::optional<std::string> cookie = cookie_value(req.cookies, kSessionCookie);
  std::optional<WebSession> s;
  if (cookie) s = session_of_token(*cookie);
  if (!s) {
    if (action == "logout") return redirect_page(req, "done=logout");
    return message_page(frame, 403, "Not logged in",
                        "You are not logged in (or your session has ended); nothing was changed.",
                        "", "Log in");
  }
  if (!csrf_valid(s->token, action, f.get(kCsrfField).value_or("")))
    return message_page(frame, 403, "Refused",
                        "This form is out of date or did not come from these pages (its security "
                        "token is missing or wrong); nothing was changed. Reload the page and try "
                        "again.");
  if (action == "logout") {
    Response r = redirect_page(req, "done=logout");
    r.cookies.push_back(cleared_cookie(req));
    return r;
  }
  if (!renew(d, *s)) return session_ended(req, frame);
  frame = {req.script, s->token, who_text(*s)};
  const std::string back =
      s->admin && f.get("name") && action != "delete" && action.rfind("add_", 0) != 0
          ? "p=account&name=" + url_encode(*f.get("name"))
          : "";
  Response r;
  try {
    const bool own = action.rfind("own_", 0) == 0;
    if (own == s->admin)
      throw Refusal{s->admin ? "That change is for a mail user's own page."
                             : "Only the domain's administrator can make that change."};
    r = s->admin ? admin_action(req, d, *s, action, f) : own_action(req, d, *s, action, f);
  } catch (const Refusal& e) {
    r = message_page(frame, 400, "Not changed", e.text, back);
  } catch (const DaemonRefused& e) {
    r = message_page(frame, 400, "Not changed", std::string("vmailmgrd: ") + e.what(), back);
  }
  // the renewed session, unless the change made a newer one
  if (r.cookies.empty()) r.cookies.push_back(session_cookie(req, s->token));
  return r;
}

}  // namespace

Response handle_request(const CgiRequest& req, DaemonTransport& transport) {
  DaemonClient d(transport);
  try {
    if (req.method == "GET" || req.method == "HEAD") return show(req, d);
    if (req.method == "POST") return change(req, d);
    return message_page({req.script, "", ""}, 405, "Not allowed", "Only GET and POST requests are answered.");
  } catch (const Error& e) {
    return error_response(req.script, e);
  }
}

Response error_response(const std::string& script, const Error& e) {
  const PageFrame frame{script, "", ""};
  if (dynamic_cast<const DaemonUnreachable*>(&e))
    return message_page(frame, 503, "Service unavailable",
                        std::string("The administration service vmailmgrd cannot be reached: ") +
                            e.what() + ". Ask the mail server's administrator to start it.");
  switch (e.cls()) {
    case ErrorClass::usage:
      return message_page(frame, 400, "Bad request", std::string("Bad request: ") + e.what());
    case ErrorClass::temporary:
      return message_page(frame, 503, "Temporary failure",
                          std::string("Temporary failure: ") + e.what() + ". Try again later.");
    default:
      return message_page(frame, 500, "Failure", std::string("Failure: ") + e.what());
  }
}

}  // namespace vmm::web
