#include "fmt/authpipe.h"

#include <string.h>  // explicit_bzero

#include <algorithm>

#include "fmt/secret_bytes.h"
#include "sys/error.h"

namespace vmm::fmt {
namespace {

// Overwrites the bytes in use and keeps the buffer for the next request.
void wipe_kept(std::string& s) {
  explicit_bzero(s.data(), s.size());
  s.clear();
}

AuthpipeRequest bad(std::string why) {
  AuthpipeRequest r;
  r.command = AuthpipeCommand::bad;
  r.problem = std::move(why);
  return r;
}

bool control_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

bool has_control(std::string_view s) { return std::any_of(s.begin(), s.end(), control_byte); }

// Splits off the text up to the first sep; nullopt-like false when there is none.
bool split_first(std::string_view& rest, char sep, std::string_view& head) {
  std::size_t at = rest.find(sep);
  if (at == std::string_view::npos) return false;
  head = rest.substr(0, at);
  rest.remove_prefix(at + 1);
  return true;
}

constexpr std::string_view kAuthPrefix = "AUTH ";
constexpr std::size_t kMaxAuthDigits = 9;  // well past any real body; no overflow

std::string limit_text(std::size_t n) { return std::to_string(n) + " bytes"; }

}  // namespace

AuthpipeRequest::~AuthpipeRequest() {
  wipe(password);
  wipe(new_password);
}

AuthpipeRequest parse_authpipe_line(std::string_view line) {
  if (line.find('\0') != std::string_view::npos) return bad("request holds a NUL byte");
  if (line == "ENUMERATE") {
    AuthpipeRequest r;
    r.command = AuthpipeCommand::enumerate;
    return r;
  }
  if (line.starts_with("PRE ")) {
    std::string_view rest = line.substr(4), module, service;
    if (!split_first(rest, ' ', module) || !split_first(rest, ' ', service) || module.empty() ||
        service.empty() || rest.empty())
      return bad("PRE request without module, service or login");
    AuthpipeRequest r;
    r.command = AuthpipeCommand::pre;
    r.service = service;
    r.login = rest;
    return r;
  }
  if (line.starts_with("PASSWD ")) {
    std::string_view rest = line.substr(7), service, login, old_pw;
    if (!split_first(rest, '\t', service) || !split_first(rest, '\t', login) ||
        !split_first(rest, '\t', old_pw) || rest.find('\t') != std::string_view::npos ||
        service.empty() || login.empty())
      return bad("PASSWD request is not SERVICE, LOGIN, OLD and NEW separated by tabs");
    AuthpipeRequest r;
    r.command = AuthpipeCommand::passwd;
    r.service = service;
    r.login = login;
    r.password = old_pw;
    r.new_password = rest;
    return r;
  }
  if (line == "AUTH" || line.starts_with(kAuthPrefix)) return bad("AUTH request without its body");
  return bad("unknown request");
}

AuthpipeRequest parse_authpipe_auth(std::string_view body) {
  if (body.find('\0') != std::string_view::npos) return bad("AUTH body holds a NUL byte");
  std::string_view rest = body, service, authtype;
  if (!split_first(rest, '\n', service) || !split_first(rest, '\n', authtype) ||
      service.empty() || authtype.empty())
    return bad("AUTH body without service or authtype");
  AuthpipeRequest r;
  r.command = AuthpipeCommand::auth;
  r.service = service;
  r.authtype = authtype;
  if (authtype != "login") return r;  // refused by the caller: nothing else is kept
  std::string_view login;
  const bool has_login = split_first(rest, '\n', login) && !login.empty();
  if (rest.ends_with('\n')) rest.remove_suffix(1);
  if (!has_login || rest.find('\n') != std::string_view::npos)
    return bad("AUTH login data is not a login and a password");
  r.login = login;
  r.password = rest;
  return r;
}

AuthpipeReader::~AuthpipeReader() { wipe(buf_); }

bool AuthpipeReader::between_requests() const {
  return buf_.empty() && !skipping_line_ && !in_body_;
}

std::vector<AuthpipeRequest> AuthpipeReader::feed(std::string_view bytes) {
  // Reserved once, so appending never reallocates and leaves no unwiped copy.
  if (buf_.capacity() < kAuthpipeMaxRequest) buf_.reserve(kAuthpipeMaxRequest);
  std::vector<AuthpipeRequest> out;
  while (!bytes.empty()) {
    if (in_body_) {
      const std::size_t n = std::min(body_left_, bytes.size());
      if (!body_too_long_) buf_.append(bytes.substr(0, n));
      bytes.remove_prefix(n);
      body_left_ -= n;
      if (body_left_ == 0) take_body(out);
      continue;
    }
    const std::size_t nl = bytes.find('\n');
    const std::size_t piece = nl == std::string_view::npos ? bytes.size() : nl;
    if (!skipping_line_) {
      if (piece > kAuthpipeMaxRequest - buf_.size()) {
        skipping_line_ = true;
        wipe_kept(buf_);
      } else {
        buf_.append(bytes.substr(0, piece));
      }
    }
    if (nl == std::string_view::npos) break;
    bytes.remove_prefix(nl + 1);
    if (skipping_line_) {
      skipping_line_ = false;
      out.push_back(bad("request line longer than " + limit_text(kAuthpipeMaxRequest)));
    } else {
      take_line(out);
    }
  }
  return out;
}

void AuthpipeReader::take_line(std::vector<AuthpipeRequest>& out) {
  std::string_view line = buf_;
  if (line.starts_with(kAuthPrefix)) {
    std::string_view count = line.substr(kAuthPrefix.size());
    const bool digits = !count.empty() && count.size() <= kMaxAuthDigits &&
                        std::all_of(count.begin(), count.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
      wipe_kept(buf_);
      out.push_back(bad("AUTH request without a byte count"));
      return;
    }
    std::size_t n = 0;
    for (char c : count) n = n * 10 + static_cast<std::size_t>(c - '0');
    wipe_kept(buf_);
    in_body_ = true;
    body_left_ = n;
    body_too_long_ = n > kAuthpipeMaxRequest;
    if (n == 0) take_body(out);
    return;
  }
  out.push_back(parse_authpipe_line(line));
  wipe_kept(buf_);
}

void AuthpipeReader::take_body(std::vector<AuthpipeRequest>& out) {
  if (body_too_long_)
    out.push_back(bad("AUTH body longer than " + limit_text(kAuthpipeMaxRequest)));
  else
    out.push_back(parse_authpipe_auth(buf_));
  wipe_kept(buf_);
  in_body_ = false;
  body_too_long_ = false;
}

std::string format_authpipe_userinfo(
    const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (key.empty() || key.find('=') != std::string::npos || has_control(key))
      throw Error(ErrorClass::permanent, "authpipe reply key '" + key + "' is not valid");
    if (has_control(value))
      throw Error(ErrorClass::permanent, "authpipe reply field " + key + " holds a control byte");
    out += key;
    out += '=';
    out += value;
    out += '\n';
  }
  out += kAuthpipeEnd;
  if (out.size() > kAuthpipeMaxReply)
    throw Error(ErrorClass::permanent,
                "authpipe reply longer than " + limit_text(kAuthpipeMaxReply));
  return out;
}

std::string format_authpipe_account(const AuthpipeAccount& a) {
  for (std::string_view field : {std::string_view(a.name), std::string_view(a.home),
                                 std::string_view(a.maildir), std::string_view(a.options)})
    if (has_control(field) || field.find('#') != std::string_view::npos)
      throw Error(ErrorClass::permanent, "account field holds a control byte or '#'");
  if (a.name.empty() || a.home.empty())
    throw Error(ErrorClass::permanent, "account without a name or home");
  if (a.uid == 0 || a.gid == 0)
    throw Error(ErrorClass::permanent, "account " + a.name + ": uid or gid 0");
  std::string line = a.name + '\t' + std::to_string(a.uid) + '\t' + std::to_string(a.gid) + '\t' +
                     a.home + '\t' + a.maildir + '\t' + a.options + '\n';
  if (line.size() > kAuthpipeMaxListLine)
    throw Error(ErrorClass::permanent,
                "account " + a.name + ": line longer than " + limit_text(kAuthpipeMaxListLine));
  return line;
}

}  // namespace vmm::fmt
