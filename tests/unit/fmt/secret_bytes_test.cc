#include "fmt/secret_bytes.h"

#include <doctest/doctest.h>

#include <string>

using namespace vmm::fmt;

TEST_CASE("wipe: empty afterwards, the old bytes overwritten") {
  std::string s = "a secret that is long enough to live on the heap";
  const char* data = s.data();
  s.resize(3);
  wipe(s);
  CHECK(s.empty());
  CHECK(s.data() == data);  // the same buffer, kept
  CHECK(std::string(data, 20) == std::string(20, '\0'));
}

TEST_CASE("wipe_front: the rest moves to the front, the bytes it leaves are overwritten") {
  std::string s = std::string("first request") + '\0' + "second, a little longer";
  const std::size_t size = s.size();
  const char* data = s.data();
  wipe_front(s, 14);
  CHECK(s == "second, a little longer");
  CHECK(s.data() == data);
  CHECK(std::string(data + s.size(), size - s.size()) == std::string(size - s.size(), '\0'));
  wipe_front(s, 1000);
  CHECK(s.empty());
  CHECK(std::string(data, size) == std::string(size, '\0'));
}

TEST_CASE("nul_field: fields up to each NUL, nullopt without one") {
  const std::string bytes("joe\0pw\0\0tail", 12);
  std::size_t at = 0;
  CHECK(nul_field(bytes, at) == std::optional<std::string_view>("joe"));
  CHECK(at == 4);
  CHECK(nul_field(bytes, at) == std::optional<std::string_view>("pw"));
  CHECK(nul_field(bytes, at) == std::optional<std::string_view>(""));
  CHECK(at == 8);
  CHECK(nul_field(bytes, at) == std::nullopt);
  CHECK(at == 8);
}
