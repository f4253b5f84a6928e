// Dates as a message header writes them (RFC 5322 §3.3):
//   "Thu, 03 Dec 2026 08:18:29 +0100"
// always with English names, whatever the locale.
#pragma once
#include <ctime>
#include <string>

namespace vmm::fmt {

// t shown in a zone offset_seconds east of UTC (-3600 = "-0100"). Empty
// when the date cannot be shown (out of gmtime's range).
std::string mail_date(std::time_t t, long offset_seconds);

// t in this machine's local zone (TZ, /etc/localtime), as mail programs
// date what they send.
std::string mail_date_local(std::time_t t);

}  // namespace vmm::fmt
