// Times as administrators read and type them: listvdomain's last-login
// column and its --not-since date (SPEC §20). Local time, as date(1) shows it.
#pragma once
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace vmm::fmt {

// RFC 3339 in local time, one word: "2026-12-01T10:22:33+01:00".
std::string time_text(std::time_t t);

// "YYYY-MM-DD" (the start of that day, local time) or "@SECONDS" (a unix
// time, as date(1) takes it). nullopt for anything else, a day that does
// not exist (2026-02-30) included.
std::optional<std::time_t> parse_date(std::string_view text);

}  // namespace vmm::fmt
