// Helpers for the tests of lib/import: an old system's files under a
// private root directory.
#pragma once
#include <string>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "import/source.h"

namespace vmm::import_testing {

// ROOT of an old system: put(path, text) writes ROOT/path.
struct OldSystem {
  testing::TempDir dir;
  std::string root = dir.path;
  void put(const std::string& path, const std::string& text) const { testing::write_file(root + path, text); }
  std::string at(const std::string& path) const { return root + path; }
  import::SourcePaths paths(const std::string& domain = "example.com") const {
    import::SourcePaths p;
    p.domain = domain;
    p.root = root;
    return p;
  }
};

// "WHERE|NAME|WHY" of every problem, for one exact CHECK.
inline std::string problems(const import::Source& s, const std::string& root) {
  std::string out;
  for (const import::SourceProblem& p : s.problems) {
    std::string where = p.where.starts_with(root) ? p.where.substr(root.size()) : p.where;
    out += where + "|" + p.name + "|" + p.why + "\n";
  }
  return out;
}

}  // namespace vmm::import_testing
