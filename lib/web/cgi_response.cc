#include "web/cgi_response.h"

#include <utility>

namespace vmm::web {

Response redirect_to(std::string location) {
  Response r;
  r.status = 303;
  r.location = std::move(location);
  return r;
}

std::string status_text(int status) {
  switch (status) {
    case 200: return "OK";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

std::string cgi_output(const Response& r) {
  std::string out = "Status: " + std::to_string(r.status) + " " + status_text(r.status) + "\r\n";
  if (!r.location.empty()) out += "Location: " + r.location + "\r\n";
  for (const std::string& c : r.cookies) out += "Set-Cookie: " + c + "\r\n";
  out += "Content-Type: " + r.content_type + "\r\n";
  out += "Cache-Control: no-store\r\n";
  out += "X-Content-Type-Options: nosniff\r\n";
  out += "X-Frame-Options: DENY\r\n";
  out += "Referrer-Policy: same-origin\r\n";
  out += "Content-Security-Policy: default-src 'none'; style-src 'self'; form-action 'self'; "
         "frame-ancestors 'none'; base-uri 'none'\r\n";
  out += "\r\n";
  out += r.body;
  return out;
}

}  // namespace vmm::web
