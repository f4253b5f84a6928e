#include "fmt/authpipe.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../testing/errors.h"

using namespace vmm::fmt;
using vmm::testing::error_of;

namespace {

// The requests a whole stream makes, fed in one piece and byte by byte:
// both must give the same, so how the pipe cuts the stream never matters.
std::vector<std::string> requests(const std::string& stream) {
  auto describe = [](const AuthpipeRequest& r) {
    switch (r.command) {
      case AuthpipeCommand::pre: return "PRE [" + r.service + "] [" + r.login + "]";
      case AuthpipeCommand::auth:
        return "AUTH [" + r.service + "] [" + r.authtype + "] [" + r.login + "] [" + r.password + "]";
      case AuthpipeCommand::passwd:
        return "PASSWD [" + r.service + "] [" + r.login + "] [" + r.password + "] [" +
               r.new_password + "]";
      case AuthpipeCommand::enumerate: return std::string("ENUMERATE");
      case AuthpipeCommand::bad: return "bad: " + r.problem;
    }
    return std::string("?");
  };
  std::vector<std::string> whole, bytewise;
  {
    AuthpipeReader reader;
    for (const AuthpipeRequest& r : reader.feed(stream)) whole.push_back(describe(r));
  }
  {
    AuthpipeReader reader;
    for (char c : stream)
      for (const AuthpipeRequest& r : reader.feed(std::string(1, c))) bytewise.push_back(describe(r));
  }
  CHECK(whole == bytewise);
  return whole;
}

std::string auth(const std::string& body) {
  return "AUTH " + std::to_string(body.size()) + "\n" + body;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("authpipe: the four requests as authdaemond sends them") {
  CHECK(requests("PRE . imap joe@example.com\n") == Lines{"PRE [imap] [joe@example.com]"});
  CHECK(requests(auth("imap\nlogin\njoe@example.com\ns3cret\n")) ==
        Lines{"AUTH [imap] [login] [joe@example.com] [s3cret]"});
  CHECK(requests("PASSWD imap\tjoe@example.com\told pw\tnew pw\n") ==
        Lines{"PASSWD [imap] [joe@example.com] [old pw] [new pw]"});
  CHECK(requests("ENUMERATE\n") == Lines{"ENUMERATE"});
}

TEST_CASE("authpipe: AUTH login data: the last newline may be missing, a password may be empty") {
  CHECK(requests(auth("pop3\nlogin\njoe\npw")) == Lines{"AUTH [pop3] [login] [joe] [pw]"});
  CHECK(requests(auth("pop3\nlogin\njoe\n")) == Lines{"AUTH [pop3] [login] [joe] []"});
  CHECK(requests(auth("pop3\nlogin\njoe\n\n")) == Lines{"AUTH [pop3] [login] [joe] []"});
  // Spaces, tabs and 8-bit bytes are the password's own.
  CHECK(requests(auth("imap\nlogin\njoe\n a\tb \xff")) ==
        Lines{"AUTH [imap] [login] [joe] [ a\tb \xff]"});
}

TEST_CASE("authpipe: other authtypes keep no data; the caller refuses them") {
  CHECK(requests(auth("imap\ncram-md5\nchallenge\nresponse\n")) ==
        Lines{"AUTH [imap] [cram-md5] [] []"});
  CHECK(requests(auth("imap\nLOGIN\njoe\npw\n")) == Lines{"AUTH [imap] [LOGIN] [] []"});
}

TEST_CASE("authpipe: many requests in one stream, each answered in order") {
  std::string stream = "PRE . imap a\n" + auth("imap\nlogin\nb\npw\n") + "ENUMERATE\n" +
                       auth("imap\nlogin\nc\npw") + "PRE . pop3 d\n";
  CHECK(requests(stream) == Lines{"PRE [imap] [a]", "AUTH [imap] [login] [b] [pw]", "ENUMERATE",
                                  "AUTH [imap] [login] [c] [pw]", "PRE [pop3] [d]"});
}

TEST_CASE("authpipe: missing fields are bad requests, and the stream stays in step") {
  const std::string good = "PRE . imap ok\n";
  struct Case {
    std::string request, problem;
  } cases[] = {
      {"PRE\n", "unknown request"},
      {"PRE . imap\n", "PRE request without module, service or login"},
      {"PRE . imap \n", "PRE request without module, service or login"},
      {"PRE  imap joe\n", "PRE request without module, service or login"},
      {"PASSWD imap\tjoe\told\n", "PASSWD request is not SERVICE, LOGIN, OLD and NEW separated by tabs"},
      {"PASSWD imap\tjoe\told\tnew\textra\n",
       "PASSWD request is not SERVICE, LOGIN, OLD and NEW separated by tabs"},
      {"PASSWD \tjoe\told\tnew\n", "PASSWD request is not SERVICE, LOGIN, OLD and NEW separated by tabs"},
      {"AUTH\n", "AUTH request without its body"},
      {"AUTH x\n", "AUTH request without a byte count"},
      {"AUTH -1\n", "AUTH request without a byte count"},
      {"AUTH 1234567890\n", "AUTH request without a byte count"},
      {"AUTH 0\n", "AUTH body without service or authtype"},
      {auth("imap\n"), "AUTH body without service or authtype"},
      {auth("imap\nlogin"), "AUTH body without service or authtype"},
      {auth("\nlogin\njoe\npw\n"), "AUTH body without service or authtype"},
      {auth("imap\nlogin\n"), "AUTH login data is not a login and a password"},
      {auth("imap\nlogin\njoe"), "AUTH login data is not a login and a password"},
      {auth("imap\nlogin\n\npw\n"), "AUTH login data is not a login and a password"},
      {auth("imap\nlogin\njoe\npw\nmore\n"), "AUTH login data is not a login and a password"},
      {"ENUMERATE now\n", "unknown request"},
      {"enumerate\n", "unknown request"},
      {"ENUMERATE\r\n", "unknown request"},
      {"\n", "unknown request"},
      {"HELO\n", "unknown request"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.request);
    CHECK(requests(c.request + good) == Lines{"bad: " + c.problem, "PRE [imap] [ok]"});
  }
}

TEST_CASE("authpipe: NUL bytes are bad requests") {
  const std::string nul(1, '\0');
  CHECK(requests("PRE . imap jo" + nul + "e\nENUMERATE\n") ==
        Lines{"bad: request holds a NUL byte", "ENUMERATE"});
  CHECK(requests(auth("imap\nlogin\njoe\npw" + nul + "x\n") + "ENUMERATE\n") ==
        Lines{"bad: AUTH body holds a NUL byte", "ENUMERATE"});
  CHECK(requests("PASSWD imap\tjoe\told\tne" + nul + "w\nENUMERATE\n") ==
        Lines{"bad: request holds a NUL byte", "ENUMERATE"});
}

TEST_CASE("authpipe: an over-long line is read past to its newline, never kept") {
  const std::string line(100 * 1024, 'x');
  CHECK(requests(line + "\nENUMERATE\n") ==
        Lines{"bad: request line longer than 8192 bytes", "ENUMERATE"});
  // The limit itself is fine; one byte more is not.
  const std::string at_limit = "PRE . imap " + std::string(kAuthpipeMaxRequest - 11, 'j');
  REQUIRE(at_limit.size() == kAuthpipeMaxRequest);
  CHECK(requests(at_limit + "\n").size() == 1);
  CHECK(requests(at_limit + "\n").front().starts_with("PRE [imap] [jjj"));
  CHECK(requests(at_limit + "j\nENUMERATE\n") ==
        Lines{"bad: request line longer than 8192 bytes", "ENUMERATE"});

  // Bounded: 10 MB without a newline leaves the reader holding nothing of it.
  AuthpipeReader reader;
  const std::string mb(1 << 20, 'y');
  for (int i = 0; i < 10; ++i) CHECK(reader.feed(mb).empty());
  CHECK_FALSE(reader.between_requests());
  std::vector<AuthpipeRequest> got = reader.feed("\nENUMERATE\n");
  REQUIRE(got.size() == 2);
  CHECK(got[0].command == AuthpipeCommand::bad);
  CHECK(got[1].command == AuthpipeCommand::enumerate);
  CHECK(reader.between_requests());
}

TEST_CASE("authpipe: an over-long AUTH body is counted past, newlines and all") {
  std::string body = "imap\nlogin\njoe\n" + std::string(20000, 'p') + "\nPRE . imap x\n";
  CHECK(requests(auth(body) + "ENUMERATE\n") ==
        Lines{"bad: AUTH body longer than 8192 bytes", "ENUMERATE"});
}

TEST_CASE("authpipe: a request cut short is not a request") {
  AuthpipeReader reader;
  CHECK(reader.between_requests());
  CHECK(reader.feed("PRE . imap jo").empty());
  CHECK_FALSE(reader.between_requests());
  CHECK(reader.feed("e\n").size() == 1);
  CHECK(reader.between_requests());
  CHECK(reader.feed("AUTH 20\nimap\n").empty());
  CHECK_FALSE(reader.between_requests());
}

TEST_CASE("authpipe: parse_authpipe_line and parse_authpipe_auth alone") {
  CHECK(parse_authpipe_line("AUTH 12").command == AuthpipeCommand::bad);
  AuthpipeRequest r = parse_authpipe_line("PRE authpipe imap joe");  // any module name
  CHECK(r.command == AuthpipeCommand::pre);
  CHECK(r.login == "joe");
  AuthpipeRequest a = parse_authpipe_auth("imap\nlogin\njoe\npw\n");
  CHECK(a.command == AuthpipeCommand::auth);
  CHECK(a.password == "pw");
}

TEST_CASE("authpipe: userinfo replies") {
  CHECK(format_authpipe_userinfo({{"ADDRESS", "joe@example.com"}, {"UID", "1001"}}) ==
        "ADDRESS=joe@example.com\nUID=1001\n.\n");
  CHECK(format_authpipe_userinfo({}) == ".\n");
  CHECK(format_authpipe_userinfo({{"NAME", "a=b \xc3\xa9"}}) == "NAME=a=b \xc3\xa9\n.\n");
  CHECK(error_of([] { format_authpipe_userinfo({{"HOME", "/a\nUID=0"}}); }) ==
        "authpipe reply field HOME holds a control byte");
  CHECK(error_of([] { format_authpipe_userinfo({{"HOME", std::string("/a\0b", 4)}}); }) ==
        "authpipe reply field HOME holds a control byte");
  CHECK(error_of([] { format_authpipe_userinfo({{"A=B", "x"}}); }) ==
        "authpipe reply key 'A=B' is not valid");
  CHECK(error_of([] { format_authpipe_userinfo({{"", "x"}}); }) == "authpipe reply key '' is not valid");
  // The whole reply must fit authdaemond's buffer.
  const std::string fits(kAuthpipeMaxReply - 8, 'n');  // "NAME=" + value + "\n" + ".\n"
  CHECK(format_authpipe_userinfo({{"NAME", fits}}).size() == kAuthpipeMaxReply);
  CHECK(error_of([&] { format_authpipe_userinfo({{"NAME", fits + "n"}}); }) ==
        "authpipe reply longer than 8191 bytes");
}

TEST_CASE("authpipe: ENUMERATE lines") {
  AuthpipeAccount a{"joe@example.com", 1001, 1002, "/home/d/users/joe", "/home/d/users/joe", ""};
  CHECK(format_authpipe_account(a) ==
        "joe@example.com\t1001\t1002\t/home/d/users/joe\t/home/d/users/joe\t\n");
  auto with = [&](auto change) {
    AuthpipeAccount b = a;
    change(b);
    return error_of([&] { format_authpipe_account(b); });
  };
  CHECK(with([](auto& b) { b.home = "/home/#1"; }) == "account field holds a control byte or '#'");
  CHECK(with([](auto& b) { b.name = "jo\te@example.com"; }) ==
        "account field holds a control byte or '#'");
  CHECK(with([](auto& b) { b.maildir = "/m\n"; }) == "account field holds a control byte or '#'");
  CHECK(with([](auto& b) { b.uid = 0; }) == "account joe@example.com: uid or gid 0");
  CHECK(with([](auto& b) { b.gid = 0; }) == "account joe@example.com: uid or gid 0");
  CHECK(with([](auto& b) { b.home = ""; }) == "account without a name or home");
  CHECK(with([](auto& b) { b.home = "/" + std::string(8200, 'h'); }) ==
        "account joe@example.com: line longer than 8191 bytes");
}
