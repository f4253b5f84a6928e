#include "web/cgi_request.h"

#include <doctest/doctest.h>

#include <map>

#include "sys/error.h"
#include "../testing/pipe.h"
#include "web/form.h"

using namespace vmm::web;
using vmm::Error;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& n) -> std::optional<std::string> {
    auto i = vars.find(n);
    if (i == vars.end()) return std::nullopt;
    return i->second;
  };
}

}  // namespace

TEST_CASE("read_cgi_request: a GET takes the variables and reads nothing") {
  vmm::testing::Pipe p;
  p.put("not read");
  CgiRequest r = read_cgi_request(env_of({{"REQUEST_METHOD", "GET"},
                                          {"SCRIPT_NAME", "/cgi-bin/vmailmgr.cgi"},
                                          {"QUERY_STRING", "p=account&name=joe"},
                                          {"HTTP_COOKIE", "vmailmgr_session=t"},
                                          {"HTTP_HOST", "127.0.0.1:8080"},
                                          {"HTTPS", "on"}}),
                                  p.r);
  CHECK(r.method == "GET");
  CHECK(r.script == "/cgi-bin/vmailmgr.cgi");
  CHECK(r.query == "p=account&name=joe");
  CHECK(r.cookies == "vmailmgr_session=t");
  CHECK(r.host == "127.0.0.1:8080");
  CHECK(r.https);
  CHECK(r.body.empty());
}

TEST_CASE("read_cgi_request: a POST reads exactly CONTENT_LENGTH bytes of its form") {
  vmm::testing::Pipe p;
  p.put("action=x&a=1TRAILING");
  CgiRequest r = read_cgi_request(
      env_of({{"REQUEST_METHOD", "POST"},
              {"CONTENT_TYPE", "application/x-www-form-urlencoded; charset=UTF-8"},
              {"CONTENT_LENGTH", "12"}}),
      p.r);
  CHECK(r.body == "action=x&a=1");
  CHECK_FALSE(r.https);
}

TEST_CASE("read_cgi_request: bodies of another type, too long or cut short are refused") {
  auto post = [](std::string type, std::string length, std::string body) {
    vmm::testing::Pipe p;
    p.put(body);
    p.close_write();
    return read_cgi_request(env_of({{"REQUEST_METHOD", "POST"},
                                    {"CONTENT_TYPE", type},
                                    {"CONTENT_LENGTH", length}}),
                            p.r);
  };
  const std::string form = "application/x-www-form-urlencoded";
  CHECK_THROWS_WITH_AS(post("multipart/form-data; boundary=x", "3", "a=1"),
                       "a form must be sent as application/x-www-form-urlencoded", Error);
  CHECK_THROWS_AS(post(form + "x", "3", "a=1"), Error);
  CHECK_THROWS_WITH_AS(post(form, std::to_string(kMaxFormBytes + 1), ""), "form too large", Error);
  CHECK_THROWS_WITH_AS(post(form, "10", "a=1"),
                       "the request body is shorter than CONTENT_LENGTH says", Error);
  CHECK_THROWS_AS(post(form, "", "a=1"), Error);
  CHECK_THROWS_AS(post(form, "-3", "a=1"), Error);
  CHECK_THROWS_AS(post(form, "99999999999", "a=1"), Error);
  CHECK(post(form, "3", "a=1").body == "a=1");
}
