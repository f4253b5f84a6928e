#include "fmt/mail_date.h"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <time.h>

#include <string>

using namespace vmm::fmt;

TEST_CASE("mail_date: RFC 5322 form with English names and the zone offset") {
  CHECK(mail_date(0, 0) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(mail_date(1796890709, 0) == "Thu, 10 Dec 2026 08:18:29 +0000");
  CHECK(mail_date(1796890709, 3600) == "Thu, 10 Dec 2026 09:18:29 +0100");
  CHECK(mail_date(1796890709, -(9 * 3600 + 30 * 60)) == "Wed, 09 Dec 2026 22:48:29 -0930");
  CHECK(mail_date(951782400, 0) == "Tue, 29 Feb 2000 00:00:00 +0000");
}

TEST_CASE("mail_date_local: the TZ zone") {
  const char* old = getenv("TZ");
  std::string saved = old ? old : "";
  setenv("TZ", "UTC+5", 1);  // POSIX: five hours west
  tzset();
  CHECK(mail_date_local(1796890709) == "Thu, 10 Dec 2026 03:18:29 -0500");
  setenv("TZ", "UTC0", 1);
  tzset();
  CHECK(mail_date_local(1796890709) == "Thu, 10 Dec 2026 08:18:29 +0000");
  if (old) setenv("TZ", saved.c_str(), 1);
  else unsetenv("TZ");
  tzset();
}
