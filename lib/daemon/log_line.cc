#include "daemon/log_line.h"

namespace vmm::daemon {
namespace {

constexpr std::size_t kMaxField = 128;
constexpr std::size_t kMaxText = 1024;

const char* code_name(fmt::DaemonCode c) {
  switch (c) {
    case fmt::DaemonCode::ok: return "OK";
    case fmt::DaemonCode::bad: return "BAD";
    case fmt::DaemonCode::error: return "ERROR";
  }
  return "?";
}

}  // namespace

std::string log_field(std::string_view value, bool space, std::size_t max_bytes) {
  if (value.empty()) return "\"\"";
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (i == max_bytes) {
      out += "...";
      break;
    }
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c >= 0x7f || c == '\\' || (space && c == ' ')) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string log_line(const LogEntry& e) {
  auto field = [](const std::string& v) { return log_field(v, true, kMaxField); };
  return field(e.peer) + " " + field(e.command) + " " +
         field(e.domain) + " " + field(e.user) + ": " + code_name(e.code) + ": " +
         (e.text.empty() ? std::string() : log_field(e.text, false, kMaxText));
}

std::string peer_name(const EnvFn& env) {
  std::optional<std::string> ip = env("TCPREMOTEIP");
  if (ip && !ip->empty()) return *ip + ":" + env("TCPREMOTEPORT").value_or("?");
  std::optional<std::string> uid = env("UNIXREMOTEEUID");
  std::optional<std::string> pid = env("UNIXREMOTEPID");
  if (uid || pid) return "uid=" + uid.value_or("?") + ",pid=" + pid.value_or("?");
  return "-";
}

}  // namespace vmm::daemon
