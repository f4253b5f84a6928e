// vmailmgrd's log (SPEC §15): one line per request on stderr, for multilog
// or journald:
//   vmailmgrd: PEER COMMAND DOMAIN USER: OK|BAD|ERROR: text
// Only those fields ever come from the request — never a password, a new
// password or an autoresponse text.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "fmt/daemon_frame.h"

namespace vmm::daemon {

struct LogEntry {
  std::string peer = "-";
  std::string command = "-", domain = "-", user = "-";  // "-": the request has no such field
  fmt::DaemonCode code = fmt::DaemonCode::bad;
  std::string text;
};

// One field as the log shows it: control bytes, 8-bit bytes, '\\' and
// (space = true) ' ' as \xNN, so a field never splits the line or another
// field and the line stays ASCII (journald keeps lines that are not valid
// UTF-8 as binary); at most
// max_bytes of the value, then "..."; an empty value as "".
std::string log_field(std::string_view value, bool space, std::size_t max_bytes);

// "PEER COMMAND DOMAIN USER: CODE: text" (the program prints it after its
// name), no newline; the command, domain and user are cut at 128 bytes, the
// text at 1024.
std::string log_line(const LogEntry& e);

// The client as the UCSPI server describes it: tcpserver's TCPREMOTEIP and
// TCPREMOTEPORT as "IP:PORT"; unixserver's UNIXREMOTEEUID and UNIXREMOTEPID
// as "uid=UID,pid=PID"; "-" when neither is set (started by hand).
using EnvFn = std::function<std::optional<std::string>(const std::string&)>;
std::string peer_name(const EnvFn& env);

}  // namespace vmm::daemon
