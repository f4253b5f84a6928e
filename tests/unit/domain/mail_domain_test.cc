#include "domain/mail_domain.h"

#include <doctest/doctest.h>

#include <string>

#include "../testing/errors.h"

using namespace vmm;
using namespace vmm::domain;
using vmm::testing::error_of;

TEST_CASE("mail_domain: lowercased, labels of a-z 0-9 - _") {
  CHECK(mail_domain("Example.COM") == "example.com");
  CHECK(mail_domain("a-b_c.example") == "a-b_c.example");
  CHECK(mail_domain("localhost") == "localhost");
  CHECK(mail_domain(std::string(63, 'a') + ".example") == std::string(63, 'a') + ".example");
  auto why = [](const std::string& raw) { return error_of([&] { mail_domain(raw); }); };
  CHECK(why("") == "invalid domain '': it is empty");
  CHECK(why(".example.com") ==
        "invalid domain '.example.com': a line for every sub-domain (.domain) is written by hand");
  CHECK(why("example.com.") == "invalid domain 'example.com.': it has an empty label");
  CHECK(why("a..b") == "invalid domain 'a..b': it has an empty label");
  CHECK(why("-a.example") == "invalid domain '-a.example': a label starts or ends with '-'");
  CHECK(why("a-.example") == "invalid domain 'a-.example': a label starts or ends with '-'");
  CHECK(why("a b.example") == "invalid domain 'a b.example': it holds a byte that is not a-z 0-9 - _ .");
  CHECK(why("a:b") == "invalid domain 'a:b': it holds a byte that is not a-z 0-9 - _ .");
  CHECK(why("a\nb") == "invalid domain 'a?b': it holds a byte that is not a-z 0-9 - _ .");
  CHECK(why(std::string(64, 'a')) == "invalid domain '" + std::string(64, 'a') +
                                         "': a label is longer than 63 bytes");
  std::string long_domain;
  for (int i = 0; i < 64; ++i) long_domain += "abc.";
  long_domain += "x";
  CHECK(why(long_domain) == "invalid domain '" + long_domain + "': it is longer than 253 bytes");
}

TEST_CASE("default_base_user: no '.' or '-' left, at most 32 bytes") {
  CHECK(default_base_user("example.com") == "example_com");
  CHECK(default_base_user("my-shop.example") == "my_shop_example");
  CHECK(default_base_user("1und1.de") == "1und1_de");
  CHECK(default_base_user(std::string(32, 'a')) == std::string(32, 'a'));
  CHECK(error_of([] { default_base_user("a-very-long-domain-name.example.org"); }) ==
        "the base user name made from the domain, 'a_very_long_domain_name_example_org', is "
        "longer than 32 bytes: name BASEUSER");
}

TEST_CASE("check_user_name: what useradd takes") {
  for (const char* ok : {"vmbase", "ex_base", "a.b", "a-b", "_x", "1x", "x1"})
    CHECK_MESSAGE(error_of([&] { check_user_name(ok); }) == "(no error)", ok);
  auto why = [](const std::string& raw) { return error_of([&] { check_user_name(raw); }); };
  CHECK(why("") == "invalid user name '': it is empty");
  CHECK(why("-x") == "invalid user name '-x': it starts with '-' or '.'");
  CHECK(why(".x") == "invalid user name '.x': it starts with '-' or '.'");
  CHECK(why("123") == "invalid user name '123': it is all digits");
  CHECK(why("Joe") == "invalid user name 'Joe': it holds a byte that is not a-z 0-9 _ . -");
  CHECK(why("a/b") == "invalid user name 'a/b': it holds a byte that is not a-z 0-9 _ . -");
  CHECK(why(std::string(33, 'a')) == "invalid user name '" + std::string(33, 'a') +
                                         "': it is longer than 32 bytes");
}
