#include "courier/serve.h"

#include <doctest/doctest.h>
#include <fcntl.h>

#include <string>
#include <thread>

#include "../testing/files.h"
#include "../testing/pipe.h"
#include "../testing/temp_dir.h"
#include "sys/fd.h"

using namespace vmm::testing;
using vmm::courier::serve_authpipe;
using vmm::fmt::AuthpipeCommand;
using vmm::fmt::AuthpipeRequest;

namespace {

// A stand-in for the real answers: names the request, numbered in order.
struct Echo {
  int n = 0;
  std::string operator()(const AuthpipeRequest& r) {
    ++n;
    switch (r.command) {
      case AuthpipeCommand::pre: return std::to_string(n) + " PRE " + r.login + "\n";
      case AuthpipeCommand::auth: return std::to_string(n) + " AUTH " + r.login + "\n";
      case AuthpipeCommand::passwd: return std::to_string(n) + " PASSWD " + r.login + "\n";
      case AuthpipeCommand::enumerate: return std::to_string(n) + " ENUMERATE\n";
      case AuthpipeCommand::bad: return std::to_string(n) + " FAIL\n";
    }
    return "?\n";
  }
};

// serve_authpipe over files: all of input, then end of file.
std::string serve(const std::string& input) {
  TempDir d;
  write_file(d / "in", input);
  vmm::sys::Fd in = vmm::sys::open_file(d / "in", O_RDONLY);
  vmm::sys::Fd out = vmm::sys::open_file(d / "out", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  Echo echo;
  serve_authpipe(in.get(), out.get(), std::ref(echo));
  return file_bytes(d / "out");
}

}  // namespace

TEST_CASE("serve_authpipe: many requests, one reply each, in order, until end of file") {
  CHECK(serve("PRE . imap a\nAUTH 16\nimap\nlogin\nb\npw\nENUMERATE\nPASSWD s\tc\to\tn\n") ==
        "1 PRE a\n2 AUTH b\n3 ENUMERATE\n4 PASSWD c\n");
  CHECK(serve("") == "");
}

TEST_CASE("serve_authpipe: bad input answers FAIL and serving goes on") {
  const std::string big(100 * 1024, 'x');
  const std::string nul(1, '\0');
  CHECK(serve(big + "\nPRE . imap a\nHELO\nPRE . imap b" + nul + "\nPRE . imap c\n") ==
        "1 FAIL\n2 PRE a\n3 FAIL\n4 FAIL\n5 PRE c\n");
}

TEST_CASE("serve_authpipe: a request cut short by end of file gets no reply") {
  CHECK(serve("PRE . imap a\nPRE . imap b") == "1 PRE a\n");
  CHECK(serve("PRE . imap a\nAUTH 100\nimap\nlogin\n") == "1 PRE a\n");
}

TEST_CASE("serve_authpipe: replies go out as requests arrive, not at the end") {
  Pipe in, out;
  Echo echo;
  std::thread server([&] { serve_authpipe(in.r, out.w, std::ref(echo)); });
  auto reply = [&] {
    std::string got;
    char c;
    while (::read(out.r, &c, 1) == 1) {
      got += c;
      if (c == '\n') break;
    }
    return got;
  };
  in.put("PRE . imap a\n");
  CHECK(reply() == "1 PRE a\n");
  in.put("PRE . imap");
  in.put(" b\nENUM");
  CHECK(reply() == "2 PRE b\n");
  in.put("ERATE\n");
  CHECK(reply() == "3 ENUMERATE\n");
  in.close_write();
  server.join();
}
