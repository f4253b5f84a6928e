#include "web/form.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "sys/error.h"

using vmm::Error;
using vmm::ErrorClass;
using vmm::web::Form;
using vmm::web::small_count;
using vmm::web::url_decode;
using vmm::web::url_encode;

namespace {
ErrorClass class_of(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.cls();
  }
  FAIL("no error");
  return ErrorClass::permanent;
}
}  // namespace

TEST_CASE("url_decode: + is a blank, %XX a byte in either case") {
  CHECK(url_decode("a+b%20c") == "a b c");
  CHECK(url_decode("%3Cscript%3e") == "<script>");
  CHECK(url_decode("%41") == "A");
  CHECK(url_decode("") == "");
  CHECK(url_decode("%C3%B6") == "\xc3\xb6");
}

TEST_CASE("url_decode: truncated or bad escapes and NUL are refused") {
  CHECK(class_of([] { url_decode("%"); }) == ErrorClass::usage);
  CHECK(class_of([] { url_decode("%4"); }) == ErrorClass::usage);
  CHECK(class_of([] { url_decode("a%zz"); }) == ErrorClass::usage);
  CHECK(class_of([] { url_decode("a%00b"); }) == ErrorClass::usage);
}

TEST_CASE("url_encode: only unreserved characters stay, round trip") {
  CHECK(url_encode("joe.x-y_z~") == "joe.x-y_z~");
  CHECK(url_encode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
  std::string all;
  for (int i = 1; i < 256; ++i) all.push_back(static_cast<char>(i));
  CHECK(url_decode(url_encode(all)) == all);
}

TEST_CASE("Form: fields in order, repeated ones, a name without =") {
  Form f = Form::parse("user=joe&fwd=a%40x.org&&fwd=b%40y.org&empty=&flag");
  CHECK(f.size() == 5);
  CHECK(f.get("user") == "joe");
  CHECK(f.get("fwd") == "a@x.org");
  CHECK(f.all("fwd") == std::vector<std::string>{"a@x.org", "b@y.org"});
  CHECK(f.get("empty") == "");
  CHECK(f.get("flag") == "");
  CHECK_FALSE(f.get("missing").has_value());
  CHECK(f.all("missing").empty());
}

TEST_CASE("Form: bounded in bytes and fields") {
  CHECK(Form::parse(std::string(vmm::web::kMaxFormBytes, 'a')).size() == 1);
  CHECK(class_of([] { Form::parse(std::string(vmm::web::kMaxFormBytes + 1, 'a')); }) ==
        ErrorClass::usage);
  std::string many;
  for (std::size_t i = 0; i < vmm::web::kMaxFields; ++i) many += "a=1&";
  CHECK(Form::parse(many).size() == vmm::web::kMaxFields);
  many += "b=2";
  CHECK(class_of([&] { Form::parse(many); }) == ErrorClass::usage);
}

TEST_CASE("small_count: 1 to 9 decimal digits, nothing else") {
  CHECK(small_count("0") == std::optional<std::size_t>(0));
  CHECK(small_count("050") == std::optional<std::size_t>(50));
  CHECK(small_count("999999999") == std::optional<std::size_t>(999999999));
  for (const char* bad : {"", "1000000000", "-1", "+1", " 1", "1 ", "1e3", "0x10", "12a"}) {
    CAPTURE(bad);
    CHECK_FALSE(small_count(bad).has_value());
  }
}
