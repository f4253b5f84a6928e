// A private directory under /tmp for one test, removed with everything in it
// when the test ends. A failing mkdtemp throws: the test fails, it never
// goes on in a directory it does not own.
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace vmm::testing {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/vmm-unit.XXXXXX";
    if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp /tmp/vmm-unit.XXXXXX failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path;
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

}  // namespace vmm::testing
