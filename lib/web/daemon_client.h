// The pages' client of vmailmgrd (SPEC §15): one request per connection
// over its local socket, the reply frames read to the end. Every check of
// a password or session token and every change happens in the daemon; this
// only says what the pages need in the daemon's words.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fmt/daemon_frame.h"
#include "fmt/record.h"
#include "sys/error.h"

namespace vmm::web {

// How a request reaches the daemon: a socket, or a stand-in in the tests.
class DaemonTransport {
 public:
  virtual ~DaemonTransport() = default;
  // Every reply frame the daemon sent, in order.
  virtual std::vector<fmt::DaemonReply> exchange(const fmt::DaemonRequest& request) = 0;
};

// The daemon cannot be reached at all (no socket, nobody listening, no
// permission): the pages say so with 503 rather than blame the user.
class DaemonUnreachable : public Error {
 public:
  DaemonUnreachable(const std::string& message, int err)
      : Error(ErrorClass::temporary, message, err) {}
};

// The daemon answered BAD or ERROR; what() is its message.
class DaemonRefused : public Error {
 public:
  DaemonRefused(fmt::DaemonCode code, const std::string& message)
      : Error(code == fmt::DaemonCode::bad ? ErrorClass::usage : ErrorClass::permanent, message),
        code_(code) {}
  fmt::DaemonCode code() const { return code_; }
  // The daemon's answer to a wrong password, an expired or dead token.
  bool authentication_failed() const { return std::string(what()) == "authentication failed"; }

 private:
  fmt::DaemonCode code_;
};

class UnixSocketTransport : public DaemonTransport {
 public:
  // timeout bounds the whole exchange (the daemon's own delay after a
  // failed login is one second).
  explicit UnixSocketTransport(std::string path,
                               std::chrono::milliseconds timeout = std::chrono::seconds(30))
      : path_(std::move(path)), timeout_(timeout) {}
  std::vector<fmt::DaemonReply> exchange(const fmt::DaemonRequest& request) override;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::chrono::milliseconds timeout_;
};

// A mailbox's messages as `stat` counts them.
struct MailboxUsage {
  std::uint64_t new_messages = 0, new_bytes = 0, unseen_messages = 0, unseen_bytes = 0,
                seen_messages = 0, seen_bytes = 0;
  std::uint64_t messages() const { return new_messages + unseen_messages + seen_messages; }
  std::uint64_t bytes() const { return new_bytes + unseen_bytes + seen_bytes; }
};

struct ListedAccount {
  std::string name;
  fmt::Record record;
};

// chattr's attribute numbers (VMailMgr 0.97).
enum class Attribute { password = 1, forwards = 2, hard_quota = 3, soft_quota = 4,
                       message_size = 5, message_count = 6, expiry = 7, mailbox_enabled = 8,
                       personal = 9 };

// pass is a password or a session token. Each call throws DaemonRefused for
// a BAD or ERROR answer, DaemonUnreachable when there is no daemon, and
// Error(temporary) for frames that make no sense.
class DaemonClient {
 public:
  explicit DaemonClient(DaemonTransport& transport) : transport_(transport) {}

  // A session token (USER empty: the domain's administrator).
  std::string session(const std::string& domain, const std::string& user, const std::string& pass);
  std::vector<ListedAccount> listdomain(const std::string& domain, const std::string& pass);
  MailboxUsage stat(const std::string& domain, const std::string& user, const std::string& pass);
  fmt::Record lookup(const std::string& domain, const std::string& user, const std::string& pass);
  std::string chattr(const std::string& domain, const std::string& user, const std::string& pass,
                     Attribute attr, const std::vector<std::string>& values);
  // An account with a mailbox (adduser3, directory named after the account).
  std::string add_account(const std::string& domain, const std::string& user,
                          const std::string& pass, const std::string& new_password,
                          const std::vector<std::string>& forwards);
  // An alias as vaddalias makes it: no mailbox, no directory, no password
  // (adduser2 with an empty password and directory).
  std::string add_alias(const std::string& domain, const std::string& user,
                        const std::string& pass, const std::vector<std::string>& forwards);
  std::string deluser(const std::string& domain, const std::string& user, const std::string& pass);
  // ACTION status, write (with message), enable, disable, delete: the final message.
  std::string autoresponse(const std::string& domain, const std::string& user,
                           const std::string& pass, const std::string& action,
                           const std::optional<std::string>& message = std::nullopt);
  // The message (enabled or disabled); DaemonRefused when there is none.
  std::string autoresponse_message(const std::string& domain, const std::string& user,
                                   const std::string& pass);

 private:
  // The frames of an answer whose every frame is OK; the first that is not
  // is thrown as DaemonRefused.
  std::vector<fmt::DaemonReply> call(std::string command, std::vector<std::string> args);
  DaemonTransport& transport_;
};

}  // namespace vmm::web
