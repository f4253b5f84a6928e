#include "daemon/session.h"

#include <exception>

#include "daemon/dispatch.h"
#include "daemon/reply_sink.h"
#include "daemon/request_read.h"
#include "domain/password.h"
#include "sys/error.h"
#include "sys/fd_wait.h"

namespace vmm::daemon {
namespace {

// What a client sent beyond its request is read and dropped, up to this.
constexpr std::size_t kDiscardMax = 1 << 20;

// Sends the final reply; a client that is gone or does not read only
// changes what the log says.
void answer(ReplySink& sink, LogEntry& entry, const fmt::DaemonReply& reply) {
  try {
    sink.send(reply);
  } catch (const std::exception& e) {
    entry.text += std::string(" (reply not sent: ") + e.what() + ")";
  }
}

// Every byte of the request, wiped on the way out whatever happens.
struct WipedRequest {
  RawRequest raw;
  fmt::DaemonRequest decoded;
  ~WipedRequest() {
    domain::wipe(raw.payload);
    for (std::string& a : decoded.args) domain::wipe(a);
  }
};

}  // namespace

LogEntry serve_connection(int in, int out, const DaemonContext& ctx, const SessionLimits& limits) {
  LogEntry entry;
  FdReplySink sink(out, limits.reply);
  WipedRequest req;
  try {
    req.raw = read_request(in, Clock::now() + limits.request);
  } catch (const std::exception& e) {
    entry.text = std::string("unable to read the request: ") + e.what();
    return entry;
  }
  const Clock::time_point arrived = ctx.sys.clock();
  if (req.raw.status != RequestRead::complete) {
    entry.text = describe(req.raw);
    if (req.raw.status != RequestRead::nothing) answer(sink, entry, {fmt::DaemonCode::bad, entry.text});
    sys::discard_pending(in, kDiscardMax);
    return entry;
  }
  try {
    req.decoded = fmt::decode_daemon_payload(req.raw.payload);
  } catch (const Error& e) {
    entry.text = std::string("malformed request: ") + e.what();
    answer(sink, entry, {fmt::DaemonCode::bad, entry.text});
    sys::discard_pending(in, kDiscardMax);
    return entry;
  }
  describe_request(req.decoded, entry);
  Dispatched d = dispatch(req.decoded, ctx, sink, arrived);
  entry.code = d.reply.code;
  entry.text = d.log_text;
  answer(sink, entry, d.reply);
  sys::discard_pending(in, kDiscardMax);
  return entry;
}

}  // namespace vmm::daemon
