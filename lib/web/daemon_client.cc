#include "web/daemon_client.h"

#include <charconv>

#include "domain/password.h"
#include "sys/fd_wait.h"
#include "sys/unix_socket.h"

namespace vmm::web {
namespace {

using Clock = std::chrono::steady_clock;

// A domain of many thousand accounts lists in a few MiB; more is not a
// listing the pages could show anyway.
constexpr std::size_t kMaxAnswerBytes = 32 * 1024 * 1024;

Error confused(const std::string& what) {
  return Error(ErrorClass::temporary, "vmailmgrd's answer makes no sense: " + what);
}

std::chrono::milliseconds left(Clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
}

}  // namespace

std::vector<fmt::DaemonReply> UnixSocketTransport::exchange(const fmt::DaemonRequest& request) {
  std::string frame = fmt::encode_daemon_request(request);
  sys::Fd fd;
  try {
    fd = sys::connect_unix(path_);
  } catch (const Error& e) {
    domain::wipe(frame);
    throw DaemonUnreachable(e.what(), e.err());
  }
  const Clock::time_point deadline = Clock::now() + timeout_;
  const bool sent = sys::write_within(fd.get(), frame, deadline, "to vmailmgrd");
  domain::wipe(frame);  // it holds a password or a token
  if (!sent) throw Error(ErrorClass::temporary, "vmailmgrd did not take the request in time");
  std::string bytes;
  for (;;) {
    if (sys::wait_readable(fd.get(), left(deadline), "vmailmgrd's answer") == sys::FdWait::timeout)
      throw Error(ErrorClass::temporary, "vmailmgrd did not answer in time");
    if (sys::read_some(fd.get(), bytes, 64 * 1024, "vmailmgrd's answer") == 0) break;
    if (bytes.size() > kMaxAnswerBytes) throw confused("longer than " + std::to_string(kMaxAnswerBytes) + " bytes");
  }
  std::vector<fmt::DaemonReply> replies;
  std::string_view rest = bytes;
  while (!rest.empty()) {
    std::optional<fmt::DaemonReply> r = fmt::take_daemon_reply(rest);
    if (!r) throw confused("a frame is cut short");
    replies.push_back(std::move(*r));
  }
  if (replies.empty()) throw confused("the connection closed without a reply");
  return replies;
}

std::vector<fmt::DaemonReply> DaemonClient::call(std::string command,
                                                 std::vector<std::string> args) {
  fmt::DaemonRequest request{std::move(command), std::move(args)};
  std::vector<fmt::DaemonReply> replies = transport_.exchange(request);
  for (std::string& a : request.args) domain::wipe(a);
  if (replies.empty()) throw confused("no reply");
  for (const fmt::DaemonReply& r : replies)
    if (r.code != fmt::DaemonCode::ok) throw DaemonRefused(r.code, r.message);
  return replies;
}

std::string DaemonClient::session(const std::string& domain, const std::string& user,
                                  const std::string& pass) {
  std::string token = call("session", {domain, user, pass}).back().message;
  if (token.empty()) throw confused("an empty session token");
  return token;
}

std::vector<ListedAccount> DaemonClient::listdomain(const std::string& domain,
                                                    const std::string& pass) {
  std::vector<fmt::DaemonReply> replies = call("listdomain", {domain, pass});
  // an empty frame, one frame per account, a final empty frame
  if (replies.size() < 2 || !replies.front().message.empty() || !replies.back().message.empty())
    throw confused("a listing without its empty first and last frames");
  std::vector<ListedAccount> accounts;
  for (std::size_t i = 1; i + 1 < replies.size(); ++i) {
    const std::string& m = replies[i].message;
    const std::size_t nul = m.find('\0');
    if (nul == std::string::npos || nul == 0) throw confused("a listed account without its name");
    try {
      accounts.push_back({m.substr(0, nul), fmt::decode_record(std::string_view(m).substr(nul + 1))});
    } catch (const Error& e) {
      throw confused("the record of '" + m.substr(0, nul) + "': " + e.what());
    }
  }
  return accounts;
}

MailboxUsage DaemonClient::stat(const std::string& domain, const std::string& user,
                                const std::string& pass) {
  const std::string m = call("stat", {domain, user, pass}).back().message;
  // NUL, then six decimals each ended by NUL
  std::uint64_t n[6];
  std::size_t pos = 1;
  if (m.empty() || m[0] != '\0') throw confused("stat's numbers");
  for (std::uint64_t& v : n) {
    const std::size_t end = m.find('\0', pos);
    if (end == std::string::npos || end == pos) throw confused("stat's numbers");
    auto [p, ec] = std::from_chars(m.data() + pos, m.data() + end, v);
    if (ec != std::errc() || p != m.data() + end) throw confused("stat's numbers");
    pos = end + 1;
  }
  if (pos != m.size()) throw confused("stat's numbers");
  return {n[0], n[1], n[2], n[3], n[4], n[5]};
}

fmt::Record DaemonClient::lookup(const std::string& domain, const std::string& user,
                                 const std::string& pass) {
  std::vector<fmt::DaemonReply> replies = call("lookup", {domain, user, pass});
  if (replies.size() != 2) throw confused("lookup without its record");
  try {
    return fmt::decode_record(replies.front().message);
  } catch (const Error& e) {
    throw confused(std::string("the record: ") + e.what());
  }
}

std::string DaemonClient::chattr(const std::string& domain, const std::string& user,
                                 const std::string& pass, Attribute attr,
                                 const std::vector<std::string>& values) {
  std::vector<std::string> args{domain, user, pass, std::to_string(static_cast<int>(attr))};
  args.insert(args.end(), values.begin(), values.end());
  // chattr 2 with no forward at all is a wrong argument count: "" clears
  if (attr == Attribute::forwards && values.empty()) args.emplace_back();
  return call("chattr", std::move(args)).back().message;
}

std::string DaemonClient::add_account(const std::string& domain, const std::string& user,
                                      const std::string& pass, const std::string& new_password,
                                      const std::vector<std::string>& forwards) {
  std::vector<std::string> args{domain, user, pass, new_password, "", "1"};
  args.insert(args.end(), forwards.begin(), forwards.end());
  return call("adduser3", std::move(args)).back().message;
}

std::string DaemonClient::add_alias(const std::string& domain, const std::string& user,
                                    const std::string& pass,
                                    const std::vector<std::string>& forwards) {
  std::vector<std::string> args{domain, user, pass, "", ""};
  args.insert(args.end(), forwards.begin(), forwards.end());
  return call("adduser2", std::move(args)).back().message;
}

std::string DaemonClient::deluser(const std::string& domain, const std::string& user,
                                  const std::string& pass) {
  return call("deluser", {domain, user, pass}).back().message;
}

std::string DaemonClient::autoresponse(const std::string& domain, const std::string& user,
                                       const std::string& pass, const std::string& action,
                                       const std::optional<std::string>& message) {
  std::vector<std::string> args{domain, user, pass, action};
  if (message) args.push_back(*message);
  return call("autoresponse", std::move(args)).back().message;
}

std::string DaemonClient::autoresponse_message(const std::string& domain, const std::string& user,
                                              const std::string& pass) {
  std::vector<fmt::DaemonReply> replies = call("autoresponse", {domain, user, pass, "read"});
  if (replies.size() != 2) throw confused("autoresponse read without the message");
  return replies.front().message;
}

}  // namespace vmm::web
