// The frame every page shares (SPEC §18): a plain HTML5 document with one
// small stylesheet, a single column that reads on a phone, no script; and
// the pieces the pages build forms and values from. Everything that came
// from outside goes through html_escape here or in the page that shows it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "fmt/record.h"

namespace vmm::web {

struct PageFrame {
  std::string script;  // SCRIPT_NAME: where links and forms point
  std::string token;   // the session token the forms' anti-CSRF fields come from; "" logged out
  std::string who;     // "joe@example.org", "administrator of example.org"; "" logged out
};

// The whole document: title, the header (who is logged in, a logout
// button), a notice when given, the body HTML.
std::string render_page(const PageFrame& frame, std::string_view title, std::string_view body);

// <form method="post"> to the script with the hidden action and anti-CSRF
// fields, inner, </form>.
std::string post_form(const PageFrame& frame, std::string_view action, std::string_view inner);

// A link to the script with query (already url-encoded), escaped for an attribute.
std::string page_link(const PageFrame& frame, std::string_view query);

// A message box: a result (ok) or a refusal.
std::string notice(std::string_view text, bool ok);

// 1536 → "1.5 KiB"; below 1024 "N bytes".
std::string format_bytes(std::uint64_t bytes);
// "unlimited", or the value (bytes as format_bytes, else the count).
std::string format_limit(const fmt::Limit& limit, bool bytes);

// The one stylesheet (served by the CGI itself at ?p=style.css).
std::string_view stylesheet();

}  // namespace vmm::web
