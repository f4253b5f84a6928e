#include "web/page.h"

#include <cstdio>

#include "web/csrf.h"
#include "web/html.h"

namespace vmm::web {

std::string render_page(const PageFrame& frame, std::string_view title, std::string_view body) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + html_escape(title) + " - vmailmgr</title>\n";
  h += "<link rel=\"stylesheet\" href=\"" + page_link(frame, "p=style.css") + "\">\n";
  h += "</head>\n<body>\n<header>\n<a class=\"home\" href=\"" + page_link(frame, "") +
       "\">vmailmgr</a>\n";
  if (!frame.who.empty()) {
    h += "<span class=\"who\">" + html_escape(frame.who) + "</span>\n";
    h += post_form(frame, "logout", "<button type=\"submit\" class=\"link\">Log out</button>");
  }
  h += "</header>\n<main>\n<h1>" + html_escape(title) + "</h1>\n";
  h.append(body);
  h += "</main>\n</body>\n</html>\n";
  return h;
}

std::string post_form(const PageFrame& frame, std::string_view action, std::string_view inner) {
  std::string h = "<form method=\"post\" action=\"" + html_escape(frame.script) + "\">\n";
  h += "<input type=\"hidden\" name=\"action\" value=\"" + html_escape(action) + "\">\n";
  if (!frame.token.empty())
    h += "<input type=\"hidden\" name=\"" + std::string(kCsrfField) + "\" value=\"" +
         csrf_token(frame.token, action) + "\">\n";
  h.append(inner);
  h += "</form>\n";
  return h;
}

std::string page_link(const PageFrame& frame, std::string_view query) {
  std::string url = frame.script;
  if (!query.empty()) url += "?" + std::string(query);
  return html_escape(url);
}

std::string notice(std::string_view text, bool ok) {
  return std::string("<p class=\"notice ") + (ok ? "ok" : "refused") + "\" role=\"status\">" +
         html_escape(text) + "</p>\n";
}

std::string format_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  static const char* const kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (v >= 1024 && unit < 3) {
    v /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, v < 10 ? "%.1f %s" : "%.0f %s", v, kUnits[unit]);
  return text;
}

std::string format_limit(const fmt::Limit& limit, bool bytes) {
  if (!limit) return "unlimited";
  return bytes ? format_bytes(*limit) : std::to_string(*limit);
}

std::string_view stylesheet() {
  // One column, system fonts, large touch targets; a table that turns into
  // labelled blocks on a narrow screen.
  return R"css(*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#f4f5f7}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1em;padding:.6em 1em;background:#234;color:#fff}
header a.home{color:#fff;font-weight:bold;text-decoration:none;margin-right:auto}
header .who{opacity:.85}
header form{margin:0;padding:0;background:none;border:0}
header button.link{background:none;border:1px solid #fff8;color:#fff;padding:.2em .7em;width:auto}
main{max-width:52em;margin:0 auto;padding:1em}
h1{font-size:1.4em;margin:.3em 0 .6em}
h2{font-size:1.15em;margin:1.4em 0 .5em}
section>h2:first-child,section>p:first-child{margin-top:0}
.actions button{margin-top:0}
section,form{background:#fff;border:1px solid #d8dbe0;border-radius:6px;padding:.8em 1em;margin:0 0 1em}
section form{border:0;padding:0;margin:.5em 0 0}
label{display:block;margin:.5em 0 .2em;font-weight:600}
input[type=text],input[type=password],input[type=search],textarea{width:100%;padding:.5em;font:inherit;border:1px solid #aab;border-radius:4px}
textarea{min-height:7em}
input[type=checkbox]{width:1.2em;height:1.2em;vertical-align:middle}
label.check{font-weight:normal}
button{font:inherit;margin-top:.8em;padding:.5em 1.2em;border:0;border-radius:4px;background:#2b5fab;color:#fff;cursor:pointer}
button.danger{background:#b3261e}
form.search{display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
form.search label{margin:0;flex-basis:100%}
form.search input{flex:1;width:auto;min-width:8em}
form.search button{margin-top:0}
a{color:#2b5fab}
p.hint{color:#555;font-size:.9em;margin:.2em 0}
p.notice{padding:.6em .8em;border-radius:4px}
p.ok{background:#e3f4e6;border:1px solid #8c8}
p.refused{background:#fbe6e4;border:1px solid #d88}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d8dbe0}
th,td{text-align:left;padding:.45em .6em;border-bottom:1px solid #e4e6ea;vertical-align:top;overflow-wrap:break-word}
th{background:#eef0f3;white-space:nowrap}
.actions{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center}
@media (max-width:40em){
 table,tbody,tr,td{display:block}thead{display:none}
 tr{border-bottom:2px solid #d8dbe0;padding:.3em 0}
 td{border:0;padding:.15em .6em}
 td::before{content:attr(data-label) ": ";font-weight:600}
 td:first-child::before{content:none}td:first-child{font-size:1.1em}
}
)css";
}

}  // namespace vmm::web
