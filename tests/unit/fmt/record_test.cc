// Tests for the account record codec: known answers from the original
// VMailMgr 0.97 (fixture 2), every malformed shape, and random round trips.
#include "fmt/record.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sys/error.h"

using vmm::ErrorClass;
using vmm::fmt::decode_legacy_line;
using vmm::fmt::decode_record;
using vmm::fmt::encode_record;
using vmm::fmt::Record;

namespace {

// One "+klen,dlen:key->data" line of `cdb -d` (tinycdb) back to bytes:
// \xHH is a byte, \\ a backslash, anything else itself.
std::pair<std::string, std::string> parse_dump(std::string_view line) {
  auto comma = line.find(','), colon = line.find(':');
  std::size_t klen = std::stoul(std::string(line.substr(1, comma - 1)));
  std::size_t dlen = std::stoul(std::string(line.substr(comma + 1, colon - comma - 1)));
  std::string raw;
  for (std::size_t i = colon + 1; i < line.size(); ++i) {
    if (line[i] != '\\') {
      raw += line[i];
    } else if (line[i + 1] == '\\') {
      raw += '\\';
      i += 1;
    } else {
      raw += static_cast<char>(std::stoi(std::string(line.substr(i + 2, 2)), nullptr, 16));
      i += 3;
    }
  }
  REQUIRE(raw.size() == klen + 2 + dlen);
  REQUIRE(raw.substr(klen, 2) == "->");
  return {raw.substr(0, klen), raw.substr(klen + 2)};
}

// Each field followed by its NUL, so no "\0" escape can swallow a digit.
std::string nul_fields(std::initializer_list<std::string_view> fields) {
  std::string out;
  for (auto f : fields) {
    out += f;
    out += '\0';
  }
  return out;
}

vmm::Error decode_error(std::string_view bytes) {
  try {
    decode_record(bytes);
  } catch (const vmm::Error& e) {
    return e;
  }
  throw std::logic_error("record decoded without error");
}

void check_decode_error(std::string_view bytes, const std::string& message) {
  CAPTURE(message);
  auto e = decode_error(bytes);
  CHECK(e.cls() == ErrorClass::permanent);
  CHECK(std::string(e.what()) == message);
}

vmm::Error legacy_error(std::string_view line) {
  try {
    decode_legacy_line(line);
  } catch (const vmm::Error& e) {
    return e;
  }
  throw std::logic_error("legacy line decoded without error");
}

vmm::Error encode_error(const Record& r) {
  try {
    encode_record(r);
  } catch (const vmm::Error& e) {
    return e;
  }
  throw std::logic_error("record encoded without error");
}

struct Vector {
  const char* dump;
  Record fields;
};

// A record with nothing limited, no expiry and no personal info (most accounts).
Record account(std::string password, std::string directory, std::vector<std::string> forwards,
               vmm::fmt::Limit ctime, bool has_mailbox, bool enabled = true) {
  Record r;
  r.password = std::move(password);
  r.directory = std::move(directory);
  r.forwards = std::move(forwards);
  r.ctime = ctime;
  r.has_mailbox = has_mailbox;
  r.mailbox_enabled = enabled;
  return r;
}

Record greta() {
  Record r = account("$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.", "./users/greta", {}, 1795315480, true);
  r.personal = "Greta Lindqvist (Sales)";
  r.hard_quota = 5242880;
  r.soft_quota = 4194304;
  r.msg_size = 1048576;
  r.msg_count = 500;
  r.expiry = 1826851480;
  return r;
}

// The `cdb -d passwd.cdb` lines of EXPECTED.md (fixture 2), verbatim, with the
// fields from its Accounts table.
const Vector kFixture[] = {
    {R"(+13,63:mailer-daemon->\x02\x0a\x01\x08\x01\x00*\x00users/mailer-daemon\x00postmaster@\x00\x00\x00-\x00-\x00-\x00-\x001795315478\x00-\x00)",
     account("*", "users/mailer-daemon", {"postmaster@"}, 1795315478, true)},
    {R"(+10,60:postmaster->\x02\x0a\x01\x08\x01\x00*\x00users/postmaster\x00postmaster@\x00\x00\x00-\x00-\x00-\x00-\x001795315478\x00-\x00)",
     account("*", "users/postmaster", {"postmaster@"}, 1795315478, true)},
    {R"(+4,54:root->\x02\x0a\x01\x08\x01\x00*\x00users/root\x00postmaster@\x00\x00\x00-\x00-\x00-\x00-\x001795315478\x00-\x00)",
     account("*", "users/root", {"postmaster@"}, 1795315478, true)},
    {R"(+5,130:greta->\x02\x0a\x01\x08\x01\x00$1$ONSdDnGX$MjLWKkW4Em.5bdjI6Dchk.\x00./users/greta\x00\x00Greta Lindqvist (Sales)\x005242880\x004194304\x001048576\x00500\x001795315480\x001826851480\x00)",
     greta()},
    {R"(+9,82:ivar.holm->\x02\x0a\x01\x08\x01\x00$1$MEImtMth$l3PI0UVGSfAzGMLWruMUW1\x00./users/ivar:holm\x00\x00\x00-\x00-\x00-\x00-\x001795315481\x00-\x00)",
     account("$1$MEImtMth$l3PI0UVGSfAzGMLWruMUW1", "./users/ivar:holm", {}, 1795315481, true)},
    {R"(+4,95:lena->\x02\x0a\x01\x08\x00\x00$1$YYSmCrpr$MJ8S2gtOa.vliu8QLLKip/\x00./users/lena\x00lena@home.example\x00\x00\x00-\x00-\x00-\x00-\x001795315482\x00-\x00)",
     account("$1$YYSmCrpr$MJ8S2gtOa.vliu8QLLKip/", "./users/lena", {"lena@home.example"},
             1795315482, true, false)},
    {R"(+5,74:sales->\x02\x0a\x00\x08\x01\x00*\x00./users/sales\x00greta\x00orders@partner.example\x00\x00\x00-\x00-\x00-\x00-\x001795315483\x00-\x00)",
     account("*", "./users/sales", {"greta", "orders@partner.example"}, 1795315483, false)},
    {R"(+1,51:+->\x02\x0a\x00\x08\x01\x00*\x00./users/+\x00ivar.holm\x00\x00\x00-\x00-\x00-\x00-\x001795315484\x00-\x00)",
     account("*", "./users/+", {"ivar.holm"}, 1795315484, false)},
    {R"(+3,80:kai->\x02\x0a\x01\x08\x01\x00$1$gdK.CO6A$WMtK/xropxwIkiFPXK4J71\x00./users/9/c/kai\x00\x00\x00-\x00-\x00-\x00-\x001795315486\x00-\x00)",
     account("$1$gdK.CO6A$WMtK/xropxwIkiFPXK4J71", "./users/9/c/kai", {}, 1795315486, true)},
};

// The table the original vupgrade wrote from legacy-passwd.
const Vector kUpgraded[] = {
    {R"(+3,67:uma->\x02\x0a\x01\x08\x01\x00$1$Lg7pQ2xz$6vTLynArrkQtvZT9cpKGH.\x00./users/uma\x00\x00\x00-\x00-\x00-\x00-\x000\x00-\x00)",
     account("$1$Lg7pQ2xz$6vTLynArrkQtvZT9cpKGH.", "./users/uma", {}, 0, true)},
    {R"(+4,67:vito->\x02\x0a\x01\x08\x01\x0033549e0d9efe8e9012299414dfbf2af9e\x00./users/vito\x00\x00\x00-\x00-\x00-\x00-\x000\x00-\x00)",
     account("33549e0d9efe8e9012299414dfbf2af9e", "./users/vito", {}, 0, true)},
    {R"(+4,72:wren->\x02\x0a\x00\x08\x01\x00wQRdmEgHFNHtA\x00users/wren\x00uma\x00wren@elsewhere.example\x00\x00\x00-\x00-\x00-\x00-\x000\x00-\x00)",
     account("wQRdmEgHFNHtA", "users/wren", {"uma", "wren@elsewhere.example"}, 0, false)},
};

// fixtures/vmailmgr-0.97/legacy-passwd, line by line.
const char* const kLegacyLines[] = {
    "uma:$1$Lg7pQ2xz$6vTLynArrkQtvZT9cpKGH.:./users/uma",
    "vito:33549e0d9efe8e9012299414dfbf2af9e:./users/vito",
    "wren:wQRdmEgHFNHtA:&uma,wren@elsewhere.example",
};

void check_vector(const Vector& v) {
  auto [name, bytes] = parse_dump(v.dump);
  CAPTURE(name);
  CHECK(decode_record(bytes) == v.fields);
  CHECK(encode_record(v.fields) == bytes);
}

// A valid version-2 record of greta's shape with chosen field texts.
std::string v2_with(std::string_view hard, std::string_view ctime = "1") {
  return "\x02\x0a\x01\x08\x01" + nul_fields({"", "pw", "./users/a", "", "", hard, "-", "-", "-",
                                              ctime, "-"});
}

}  // namespace

TEST_CASE("record: the nine records the original VMailMgr 0.97 wrote") {
  for (const auto& v : kFixture) check_vector(v);
}

TEST_CASE("record: the three records the original vupgrade wrote") {
  for (const auto& v : kUpgraded) check_vector(v);
}

TEST_CASE("record: legacy passwd lines give what vupgrade stored") {
  for (int i = 0; i < 3; ++i) {
    auto [name, record] = decode_legacy_line(kLegacyLines[i]);
    auto [dump_name, bytes] = parse_dump(kUpgraded[i].dump);
    CAPTURE(name);
    CHECK(name == dump_name);
    // vupgrade invented "users/NAME" for a forward-only entry; the codec leaves it empty.
    if (name == "wren") {
      CHECK(record.directory == "");
      CHECK(record.forwards == std::vector<std::string>{"uma", "wren@elsewhere.example"});
      record.directory = "users/wren";
    }
    CHECK(record == kUpgraded[i].fields);
    CHECK(encode_record(record) == bytes);
  }
}

TEST_CASE("record: legacy destinations") {
  SUBCASE("a Maildir dest may hold ':' and keeps everything after the hash") {
    auto [name, r] = decode_legacy_line("ivar.holm:$1$x$y:./users/ivar:holm");
    CHECK(name == "ivar.holm");
    CHECK(r == account("$1$x$y", "./users/ivar:holm", {}, 0, true));
  }
  SUBCASE("an absolute Maildir") {
    auto r = decode_legacy_line("a:h:/var/mail/a,b").second;
    CHECK(r.directory == "/var/mail/a,b");
    CHECK(r.forwards.empty());
    CHECK(r.has_mailbox);
  }
  SUBCASE("forwards without '&', empty items skipped") {
    auto r = decode_legacy_line("a:h:,b,,c@d.example,").second;
    CHECK(r == account("h", "", {"b", "c@d.example"}, 0, false));
  }
  SUBCASE("only the leading '&' is dropped") {
    auto r = decode_legacy_line("a:h:&&b,&c").second;
    CHECK(r.forwards == std::vector<std::string>{"&b", "&c"});
  }
  SUBCASE("an empty dest: no mailbox, no forwards") {
    CHECK(decode_legacy_line("a:h:").second == account("h", "", {}, 0, false));
    CHECK(decode_legacy_line("a:h:&").second == account("h", "", {}, 0, false));
  }
  SUBCASE("line ends are not part of the line") {
    CHECK(decode_legacy_line("a:h:./users/a\r\n").second.directory == "./users/a");
    CHECK(decode_legacy_line("a:h:b\n").second.forwards == std::vector<std::string>{"b"});
    CHECK(decode_legacy_line("a:h:b\r").second.forwards == std::vector<std::string>{"b"});
  }
  SUBCASE("the record form decodes the same way") {
    CHECK(decode_record(":h:./users/a") == decode_legacy_line("a:h:./users/a").second);
    CHECK(decode_record(":h:&x,y@z\n") == decode_legacy_line("a:h:&x,y@z").second);
  }
  SUBCASE("8-bit bytes pass through") {
    auto r = decode_legacy_line("\xe5:\xff\x01:\xc3\xa5,b").second;
    CHECK(r.password == "\xff\x01");
    CHECK(r.forwards == std::vector<std::string>{"\xc3\xa5", "b"});
  }
}

TEST_CASE("record: malformed legacy text") {
  struct Case {
    std::string line, message;
  };
  const Case cases[] = {
      {"", "legacy entry has no ':' after the name"},
      {"abc", "legacy entry has no ':' after the name"},
      {":h:./users/a", "legacy entry has an empty name"},
      {"a:", "legacy entry has no ':' between password and destination"},
      {"a:hash", "legacy entry has no ':' between password and destination"},
      {"a::./users/a", "record has an empty password"},
      {std::string("a:h:./users/a\0b", 15), "legacy entry contains a NUL byte"},
      {std::string("a\0:h:b", 6), "legacy entry contains a NUL byte"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    auto e = legacy_error(c.line);
    CHECK(e.cls() == ErrorClass::permanent);
    CHECK(std::string(e.what()) == c.message);
  }
  check_decode_error(":", "legacy entry has no ':' between password and destination");
  check_decode_error("::b", "record has an empty password");
  check_decode_error(std::string(":h:\0", 4), "legacy entry contains a NUL byte");
}

TEST_CASE("record: version 1") {
  SUBCASE("with a directory: has a mailbox, enabled") {
    auto bytes = "\x01" + nul_fields({"pw", "./users/a", "b", "c@d", "", "Anne", "10", "-", "30",
                                      "-", "1700000000", "1800000000"});
    Record want = account("pw", "./users/a", {"b", "c@d"}, 1700000000, true, true);
    want.personal = "Anne";
    want.hard_quota = 10;
    want.msg_size = 30;
    want.expiry = 1800000000;
    CHECK(decode_record(bytes) == want);
  }
  SUBCASE("without a directory: forwards only") {
    auto bytes = "\x01" + nul_fields({"*", "", "b", "", "", "-", "-", "-", "-", "0", "-"});
    CHECK(decode_record(bytes) == account("*", "", {"b"}, 0, false, true));
  }
  SUBCASE("re-encoded as version 2") {
    auto bytes = "\x01" + nul_fields({"pw", "d", "", "", "-", "-", "-", "-", "5", "-"});
    CHECK(encode_record(decode_record(bytes)) ==
          "\x02\x0a\x01\x08\x01" +
              nul_fields({"", "pw", "d", "", "", "-", "-", "-", "-", "5", "-"}));
  }
  SUBCASE("errors") {
    check_decode_error("\x01", "record is truncated in field password");
    check_decode_error("\x01" + nul_fields({"", "d", "", "", "-", "-", "-", "-", "5", "-"}),
                       "record has an empty password");
    check_decode_error("\x01" + nul_fields({"pw", "d", "", "", "-", "-", "-", "-", "5"}),
                       "record is truncated in field expiry-time");
    check_decode_error(
        "\x01" + nul_fields({"pw", "d", "", "", "-", "-", "-", "-", "5", "-"}) + "xy",
        "record has 2 trailing bytes");
  }
}

TEST_CASE("record: version-2 flags") {
  const std::string body = nul_fields({"pw", "./users/a", "", "", "-", "-", "-", "-", "1", "-"});
  SUBCASE("any order") {
    auto r = decode_record(std::string("\x02\x08\x00\x0a\x01", 5) + '\0' + body);
    CHECK(r.has_mailbox);
    CHECK_FALSE(r.mailbox_enabled);
  }
  SUBCASE("a flag left out means what version 1 means") {
    auto r = decode_record(std::string("\x02\x00", 2) + body);
    CHECK(r.has_mailbox);
    CHECK(r.mailbox_enabled);
    auto no_dir = nul_fields({"pw", "", "f", "", "", "-", "-", "-", "-", "1", "-"});
    r = decode_record(std::string("\x02\x08\x00\x00", 4) + no_dir);
    CHECK_FALSE(r.has_mailbox);
    CHECK_FALSE(r.mailbox_enabled);
    r = decode_record(std::string("\x02\x0a\x00\x00", 4) + body);
    CHECK_FALSE(r.has_mailbox);  // flag 10 wins over the directory
    CHECK(r.mailbox_enabled);
  }
  SUBCASE("errors") {
    check_decode_error(std::string("\x02\x07\x01\x00", 4) + body, "unknown flag 7 in record");
    check_decode_error(std::string("\x02\xff\x01\x00", 4) + body, "unknown flag 255 in record");
    check_decode_error(std::string("\x02\x0a\x02\x00", 4) + body,
                       "bad value 2 for flag 10 in record");
    check_decode_error(std::string("\x02\x08\xff\x00", 4) + body,
                       "bad value 255 for flag 8 in record");
    check_decode_error(std::string("\x02\x0a\x01\x0a\x01\x00", 6) + body,
                       "flag 10 repeated in record");
    check_decode_error("\x02", "record is truncated in field flags");
    check_decode_error("\x02\x0a", "record is truncated in field flags");
    check_decode_error("\x02\x0a\x01", "record is truncated in field flags");
  }
}

TEST_CASE("record: truncation names the field") {
  auto bytes = parse_dump(kFixture[3].dump).second;  // greta: every field filled
  const char* const names[] = {"flags", "password", "directory", "forwards", "personal",
                               "hard-quota", "soft-quota", "message-size-limit",
                               "message-count-limit", "creation-time", "expiry-time"};
  std::size_t nul = 0;
  for (const char* name : names) {
    nul = bytes.find('\0', nul + 1);  // skips the flag-8 value byte 0x01, never 0 here
    REQUIRE(nul != std::string::npos);
    check_decode_error(std::string_view(bytes).substr(0, nul),
                       std::string("record is truncated in field ") + name);
  }
  CHECK(bytes.find('\0', nul + 1) == std::string::npos);
  check_decode_error("", "record is empty");
}

TEST_CASE("record: numbers") {
  CHECK(decode_record(v2_with("0")).hard_quota == 0u);
  CHECK(decode_record(v2_with("007")).hard_quota == 7u);
  CHECK(decode_record(v2_with("18446744073709551615")).hard_quota ==
        std::numeric_limits<std::uint64_t>::max());
  CHECK(decode_record(v2_with("-")).hard_quota == std::nullopt);
  check_decode_error(v2_with("abc"), "bad number 'abc' in field hard-quota");
  check_decode_error(v2_with(""), "bad number '' in field hard-quota");
  check_decode_error(v2_with("+5"), "bad number '+5' in field hard-quota");
  check_decode_error(v2_with(" 5"), "bad number ' 5' in field hard-quota");
  check_decode_error(v2_with("5 "), "bad number '5 ' in field hard-quota");
  check_decode_error(v2_with("-1"), "bad number '-1' in field hard-quota");
  check_decode_error(v2_with("--"), "bad number '--' in field hard-quota");
  check_decode_error(v2_with("0x10"), "bad number '0x10' in field hard-quota");
  check_decode_error(v2_with("18446744073709551616"),
                     "bad number '18446744073709551616' in field hard-quota");
  check_decode_error(v2_with("99999999999999999999999"),
                     "bad number '99999999999999999999999' in field hard-quota");
  check_decode_error(v2_with("1", "12a"), "bad number '12a' in field creation-time");
  check_decode_error(v2_with("\xff\x01\\1"), "bad number '\\xff\\x01\\x5c1' in field hard-quota");
  check_decode_error(v2_with(std::string(50, '9')),
                     "bad number '" + std::string(40, '9') + "...' in field hard-quota");
}

TEST_CASE("record: bad shapes") {
  check_decode_error("\x03", "unknown record version byte 0x03");
  check_decode_error(std::string("\x00\x01", 2), "unknown record version byte 0x00");
  check_decode_error("A", "unknown record version byte 0x41");
  check_decode_error("\xff", "unknown record version byte 0xff");
  auto bytes = parse_dump(kFixture[0].dump).second;
  check_decode_error(bytes + "x", "record has 1 trailing byte");
  check_decode_error(bytes + std::string(3, '\0'), "record has 3 trailing bytes");
  auto no_password = bytes;
  no_password.erase(6, 1);  // the "*"
  check_decode_error(no_password, "record has an empty password");
}

TEST_CASE("record: encoding") {
  Record r = account("p", "", {}, 0, false);
  CHECK(encode_record(r) ==
        std::string("\x02\x0a\x00\x08\x01\x00", 6) +
            nul_fields({"p", "", "", "", "-", "-", "-", "-", "0", "-"}));
  r.has_mailbox = true;
  r.mailbox_enabled = false;
  r.hard_quota = r.soft_quota = r.msg_size = r.msg_count = r.ctime = r.expiry =
      std::numeric_limits<std::uint64_t>::max();
  const std::string max = "18446744073709551615";
  CHECK(encode_record(r) == std::string("\x02\x0a\x01\x08\x00\x00", 6) +
                                nul_fields({"p", "", "", "", max, max, max, max, max, max}));
  SUBCASE("fields that would not read back are refused") {
    struct Case {
      Record r;
      std::string message;
    };
    const Case cases[] = {
        {account("", "", {}, 0, false), "cannot encode record: empty password"},
        {account(std::string("a\0b", 3), "", {}, 0, false),
         "cannot encode record: NUL byte in field password"},
        {account("p", std::string(1, '\0'), {}, 0, true),
         "cannot encode record: NUL byte in field directory"},
        {account("p", "", {"a", ""}, 0, false), "cannot encode record: empty forward"},
        {account("p", "", {std::string("a\0", 2)}, 0, false),
         "cannot encode record: NUL byte in field forwards"},
        {[] {
           Record r = account("p", "", {}, 0, false);
           r.personal = std::string("x\0", 2);
           return r;
         }(),
         "cannot encode record: NUL byte in field personal"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.message);
      auto e = encode_error(c.r);
      CHECK(e.cls() == ErrorClass::permanent);
      CHECK(std::string(e.what()) == c.message);
    }
  }
}

TEST_CASE("record: 8-bit fields round trip") {
  Record r = account("\x80\xff$1$", "./users/\xc3\xa5sa", {"\xe2\x82\xac@x"}, 5, true);
  r.personal = "\x01\x7f\xfe\n\r:";
  auto bytes = encode_record(r);
  CHECK(bytes == std::string("\x02\x0a\x01\x08\x01\x00", 6) +
                     nul_fields({"\x80\xff$1$", "./users/\xc3\xa5sa", "\xe2\x82\xac@x", "",
                                 "\x01\x7f\xfe\n\r:", "-", "-", "-", "-", "5", "-"}));
  CHECK(decode_record(bytes) == r);
}

namespace {

std::string random_text(std::mt19937_64& rng, std::size_t min_len) {
  std::uniform_int_distribution<int> len(static_cast<int>(min_len), 24), byte(1, 255);
  std::string s(static_cast<std::size_t>(len(rng)), ' ');
  for (auto& c : s) c = static_cast<char>(byte(rng));
  return s;
}

vmm::fmt::Limit random_limit(std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0: return std::nullopt;
    case 1: return 0;
    case 2: return std::numeric_limits<std::uint64_t>::max();
    default: return rng() >> (rng() % 64);
  }
}

Record random_record(std::mt19937_64& rng) {
  Record r;
  r.password = random_text(rng, 1);
  r.directory = random_text(rng, 0);
  for (auto n = rng() % 6; n > 0; --n) r.forwards.push_back(random_text(rng, 1));
  r.personal = random_text(rng, 0);
  for (auto* n : {&r.hard_quota, &r.soft_quota, &r.msg_size, &r.msg_count, &r.ctime, &r.expiry})
    *n = random_limit(rng);
  r.has_mailbox = rng() % 2;
  r.mailbox_enabled = rng() % 2;
  return r;
}

}  // namespace

TEST_CASE("record: random records round trip; their prefixes fail cleanly") {
  std::mt19937_64 rng(20261122);
  for (int i = 0; i < 500; ++i) {
    Record r = random_record(rng);
    auto bytes = encode_record(r);
    CAPTURE(i);
    REQUIRE(decode_record(bytes) == r);
    REQUIRE(encode_record(decode_record(bytes)) == bytes);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      // A copy of exactly n bytes, so a read past the end is caught by sanitizers.
      std::string prefix = bytes.substr(0, n);
      auto e = decode_error(prefix);
      CHECK(e.cls() == ErrorClass::permanent);
      std::string what = e.what();
      CHECK((n == 0 ? what == "record is empty"
                    : what.rfind("record is truncated in field ", 0) == 0));
    }
  }
}

TEST_CASE("record: corrupted bytes decode or throw Error, nothing else") {
  std::mt19937_64 rng(97);
  int decoded = 0, refused = 0;
  for (int i = 0; i < 3000; ++i) {
    auto bytes = encode_record(random_record(rng));
    for (auto k = rng() % 3 + 1; k > 0; --k)
      bytes[rng() % bytes.size()] = static_cast<char>(rng() % 4 == 0 ? 0 : rng() % 256);
    try {
      decode_record(bytes);
      ++decoded;
    } catch (const vmm::Error& e) {
      CHECK(e.cls() == ErrorClass::permanent);
      ++refused;
    }
  }
  CHECK(decoded > 0);
  CHECK(refused > 0);
}
