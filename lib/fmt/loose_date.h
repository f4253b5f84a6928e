// Dates as mail software wrote them in mbox "From " lines, read the way
// Perl's Date::Parse (str2time, TimeDate 2.33 with Time::Local 1.30) reads
// them: Debian's mb2md sets each message file's time with it, and vimport
// must give the same times (SPEC §19). Every form Date::Parse accepts is
// accepted here with the same result: "Wed Nov 24 11:05:35 1999" (local
// time), "Wed, 24 Nov 1999 11:05:35 +0100", "Nov 24 11:05 99 PST",
// "1999-11-24T11:05:35", "24-Nov-1999 11:05:35"...
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string_view>

namespace vmm::fmt {

// Seconds since the epoch, or nullopt where Date::Parse gives undef (no
// date, an unknown zone name, an impossible day such as Feb 30). A date
// without a zone is local time (TZ), resolved as Time::Local's timelocal
// does around daylight-saving changes. Missing parts are taken from now
// as Date::Parse does (no year: this year, or last year for a later month).
// Fractions of a second are dropped toward zero, as Perl's utime drops them.
std::optional<std::int64_t> parse_loose_date(std::string_view text, std::time_t now);

}  // namespace vmm::fmt
