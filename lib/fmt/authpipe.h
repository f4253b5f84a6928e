// courier-authlib's authpipe protocol (SPEC §14), as authdaemond speaks it
// to the program it keeps running on a pipe:
//   PRE . SERVICE LOGIN\n                       look the user up, no password
//   AUTH N\n + N bytes SERVICE\nAUTHTYPE\nDATA    authenticate (login: DATA =
//                                                 LOGIN\nPASSWORD[\n])
//   PASSWD SERVICE\tLOGIN\tOLD\tNEW\n          change a password
//   ENUMERATE\n                                 list every account
// Replies: "KEY=value" lines then ".", or exactly "FAIL"; PASSWD "OK" or
// "FAIL"; ENUMERATE one tab-separated line per account, then ".".
// Pure bytes in and out: reading the pipe is the server's job.
#pragma once
#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vmm::fmt {

// The longest request line and AUTH body taken (authdaemond's own buffer is
// 8192 bytes, so nothing real comes close). Longer ones are read past,
// never kept, and answered FAIL.
inline constexpr std::size_t kAuthpipeMaxRequest = 8192;
// authdaemond reads a whole reply into 8192 bytes with its terminating NUL:
// a longer one would be cut and taken for a broken program.
inline constexpr std::size_t kAuthpipeMaxReply = 8191;
// An ENUMERATE line, newline included, must fit authdaemond's 8192-byte line buffer.
inline constexpr std::size_t kAuthpipeMaxListLine = 8191;

inline constexpr std::string_view kAuthpipeFail = "FAIL\n";
inline constexpr std::string_view kAuthpipeOk = "OK\n";
inline constexpr std::string_view kAuthpipeEnd = ".\n";

enum class AuthpipeCommand { pre, auth, passwd, enumerate, bad };

// One request. Secrets (password, new_password) are wiped when it dies;
// move-only so no unwiped copy is made by accident.
struct AuthpipeRequest {
  AuthpipeCommand command = AuthpipeCommand::bad;
  std::string service, login;
  std::string authtype;                // AUTH only, as sent
  std::string password, new_password;  // AUTH: password; PASSWD: old and new
  std::string problem;                 // bad: why, never quoting the input

  AuthpipeRequest() = default;
  AuthpipeRequest(AuthpipeRequest&&) = default;
  AuthpipeRequest& operator=(AuthpipeRequest&&) = default;
  AuthpipeRequest(const AuthpipeRequest&) = delete;
  AuthpipeRequest& operator=(const AuthpipeRequest&) = delete;
  ~AuthpipeRequest();
};

// Splits the byte stream into requests. Bounded: it never holds more than
// kAuthpipeMaxRequest bytes of one request (plus the piece being fed). An
// over-long line is skipped up to its newline, an over-long AUTH body by
// its count, and each becomes one bad request; a NUL byte, a missing field,
// an unknown command or an authtype-less AUTH body are bad requests too, so
// the stream stays in step and every request gets exactly one reply.
// Consumed bytes are wiped (they may hold passwords).
class AuthpipeReader {
 public:
  AuthpipeReader() = default;
  AuthpipeReader(const AuthpipeReader&) = delete;
  AuthpipeReader& operator=(const AuthpipeReader&) = delete;
  ~AuthpipeReader();

  // Takes the next bytes of the stream; returns the requests they complete, in order.
  std::vector<AuthpipeRequest> feed(std::string_view bytes);
  // True when no request is half read.
  bool between_requests() const;

 private:
  void take_line(std::vector<AuthpipeRequest>& out);
  void take_body(std::vector<AuthpipeRequest>& out);

  std::string buf_;              // the current line or AUTH body
  bool skipping_line_ = false;   // an over-long line: dropping bytes up to '\n'
  bool in_body_ = false;         // reading the N bytes after "AUTH N"
  std::size_t body_left_ = 0;    // of those N, not yet read
  bool body_too_long_ = false;   // N > kAuthpipeMaxRequest: counting, not keeping
};

// Parses one request line (without its '\n'). An "AUTH N" line is not
// complete on its own: the reader handles it. Exposed for tests.
AuthpipeRequest parse_authpipe_line(std::string_view line);
// Parses an AUTH body "SERVICE\nAUTHTYPE\nDATA". For authtype "login", DATA
// must be "LOGIN\nPASSWORD" with at most one '\n' after it; other authtypes
// keep no data (they are refused anyway).
AuthpipeRequest parse_authpipe_auth(std::string_view body);

// A success reply: "KEY=value\n" per field, then ".\n". Throws
// Error(permanent, "...") — to be answered FAIL — when a key is empty or
// holds '=', a key or value holds a control byte (it would end the line
// or the string early), or the reply exceeds kAuthpipeMaxReply.
std::string format_authpipe_userinfo(const std::vector<std::pair<std::string, std::string>>& fields);

struct AuthpipeAccount {
  std::string name;  // "user@domain"
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home, maildir, options;
};

// "name\tuid\tgid\thome\tmaildir\toptions\n". Throws Error(permanent, ...)
// when a field holds a control byte or '#' (authdaemond cuts a line at '#'),
// the name or home is empty, uid or gid is 0 (authdaemond drops such lines),
// or the line exceeds kAuthpipeMaxListLine.
std::string format_authpipe_account(const AuthpipeAccount& account);

}  // namespace vmm::fmt
