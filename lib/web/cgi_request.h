// What a CGI program gets from its web server (RFC 3875): the request's
// method, query string, cookies and POST body, read with bounds so a large
// or endless body costs nothing (SPEC §18).
#pragma once
#include <functional>
#include <optional>
#include <string>

namespace vmm::web {

struct CgiRequest {
  std::string method = "GET";  // REQUEST_METHOD
  std::string script;          // SCRIPT_NAME: every link and redirect points here
  std::string query;           // QUERY_STRING
  std::string body;            // a POST's form, application/x-www-form-urlencoded
  std::string cookies;         // HTTP_COOKIE
  std::string host;            // HTTP_HOST
  std::string origin;          // HTTP_ORIGIN (browsers send it with a POST)
  bool https = false;          // HTTPS=on (Apache, lighttpd; nginx: fastcgi_param HTTPS)
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The request from the CGI variables env gives and, for a POST, exactly
// CONTENT_LENGTH bytes of body read from body_fd. Error(usage) for a body
// over kMaxFormBytes, a POST that is not form-urlencoded, a missing or bad
// CONTENT_LENGTH, or a body shorter than announced.
CgiRequest read_cgi_request(const EnvLookup& env, int body_fd);

}  // namespace vmm::web
