#include "web/cgi_request.h"

#include <chrono>

#include "sys/error.h"
#include "sys/fd_wait.h"
#include "web/form.h"

namespace vmm::web {
namespace {

// A web server hands over the whole body at once; a client that stalls
// mid-body is not worth holding a process for.
constexpr std::chrono::seconds kBodyTimeout{10};

std::size_t content_length(const std::optional<std::string>& text) {
  const std::optional<std::size_t> n = text ? small_count(*text) : std::nullopt;
  if (!n) throw Error(ErrorClass::usage, "a form without a valid CONTENT_LENGTH");
  return *n;
}

std::string read_body(int fd, std::size_t length) {
  std::string body;
  const auto deadline = std::chrono::steady_clock::now() + kBodyTimeout;
  while (body.size() < length) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (sys::wait_readable(fd, left, "the request body") == sys::FdWait::timeout)
      throw Error(ErrorClass::usage, "the request body did not arrive in time");
    if (sys::read_some(fd, body, length - body.size(), "the request body") == 0)
      throw Error(ErrorClass::usage, "the request body is shorter than CONTENT_LENGTH says");
  }
  return body;
}

}  // namespace

CgiRequest read_cgi_request(const EnvLookup& env, int body_fd) {
  CgiRequest r;
  auto var = [&](const char* name) { return env(name).value_or(""); };
  r.method = var("REQUEST_METHOD");
  r.script = var("SCRIPT_NAME");
  r.query = var("QUERY_STRING");
  r.cookies = var("HTTP_COOKIE");
  r.host = var("HTTP_HOST");
  r.origin = var("HTTP_ORIGIN");
  const std::string https = var("HTTPS");
  r.https = https == "on" || https == "ON" || https == "1";
  if (r.query.size() > kMaxFormBytes) throw Error(ErrorClass::usage, "the query string is too long");
  if (r.method != "POST") return r;

  // "application/x-www-form-urlencoded", maybe with "; charset=..."
  const std::string type = var("CONTENT_TYPE");
  const std::string want = "application/x-www-form-urlencoded";
  if (type.compare(0, want.size(), want) != 0 ||
      (type.size() > want.size() && type[want.size()] != ';'))
    throw Error(ErrorClass::usage, "a form must be sent as " + want);
  const std::size_t length = content_length(env("CONTENT_LENGTH"));
  if (length > kMaxFormBytes) throw Error(ErrorClass::usage, "form too large");
  r.body = read_body(body_fd, length);
  return r;
}

}  // namespace vmm::web
