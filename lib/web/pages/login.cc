#include "web/pages/login.h"

#include "web/html.h"

namespace vmm::web {

std::string login_page(const PageFrame& frame, const LoginNotice& n, std::string_view address,
                       std::string_view domain) {
  std::string body;
  if (!n.text.empty()) body += notice(n.text, n.ok);
  body += "<h2>Mail user</h2>\n";
  body += post_form(
      frame, "login_user",
      "<label for=\"address\">Address</label>\n"
      "<input type=\"text\" id=\"address\" name=\"address\" autocomplete=\"username\" "
      "inputmode=\"email\" autocapitalize=\"none\" maxlength=\"255\" placeholder=\"you@example.org\" value=\"" +
          html_escape(address) +
          "\">\n"
          "<label for=\"user_password\">Password</label>\n"
          "<input type=\"password\" id=\"user_password\" name=\"password\" "
          "autocomplete=\"current-password\" maxlength=\"1024\">\n"
          "<button type=\"submit\">Log in</button>\n");
  body += "<h2>Domain administrator</h2>\n";
  body += post_form(
      frame, "login_admin",
      "<label for=\"domain\">Domain</label>\n"
      "<input type=\"text\" id=\"domain\" name=\"domain\" autocomplete=\"username\" "
      "autocapitalize=\"none\" maxlength=\"255\" placeholder=\"example.org\" value=\"" +
          html_escape(domain) +
          "\">\n"
          "<label for=\"admin_password\">Admin password</label>\n"
          "<input type=\"password\" id=\"admin_password\" name=\"password\" "
          "autocomplete=\"current-password\" maxlength=\"1024\">\n"
          "<button type=\"submit\">Log in as administrator</button>\n");
  return render_page(frame, "Log in", body);
}

}  // namespace vmm::web
