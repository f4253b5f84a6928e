// listdomain (see commands.h).
#include <string>

#include "daemon/commands.h"
#include "fmt/record.h"
#include "sys/error.h"

namespace vmm::daemon {

Answer listdomain_command(const DaemonContext& ctx, const Args& a, ReplySink& out) {
  Authorized who = authorize_domain(ctx, a[0], a[1]);
  const store::TableSnapshot table = who.domain.table().read();  // fails before the first frame
  out.send({fmt::DaemonCode::ok, ""});
  // Every account as "NAME NUL RECORD", the record in version 2 whatever
  // the table holds (VMailMgr's clients read nothing else). One that does
  // not decode, or would not fit in a frame, is left out; the list goes on.
  std::size_t sent = 0, left_out = 0;
  table.for_each([&](std::string_view name, std::string_view raw) {
    std::string entry;
    try {
      entry = std::string(name) + '\0' + fmt::encode_record(fmt::decode_record(raw));
    } catch (const Error&) {
      ++left_out;
      return true;
    }
    if (entry.size() > fmt::kDaemonMaxMessage) {
      ++left_out;
      return true;
    }
    out.send({fmt::DaemonCode::ok, entry});
    ++sent;
    return true;
  });
  std::string note = std::to_string(sent) + " accounts listed";
  if (left_out > 0) note += ", " + std::to_string(left_out) + " left out (records that do not decode)";
  // The empty frame ends the list for VMailMgr's PHP client.
  return Answer(fmt::DaemonReply{fmt::DaemonCode::ok, ""}, note);
}

}  // namespace vmm::daemon
