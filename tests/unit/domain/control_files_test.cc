#include "domain/control_files.h"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "../testing/child.h"
#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/lock_holder.h"
#include "../testing/temp_dir.h"
#include "store/text_index.h"

using namespace vmm;
using namespace vmm::domain;
using namespace vmm::testing;

namespace {

std::time_t later() { return std::time(nullptr) + 60; }

// A qmail root and an index directory.
struct Fixture {
  TempDir dir;
  ControlPaths paths{dir / "qmail", dir / "index"};
  std::string vd = dir / "qmail/control/virtualdomains", locals = dir / "qmail/control/locals",
              index = dir / "index/control.cdb";
  Fixture() { std::filesystem::create_directories(paths.index_dir); }
  void write(const std::string& virtualdomains, const std::string& local_lines) const {
    write_file(vd, virtualdomains);
    write_file(locals, local_lines);
  }
};

// Read through the index (both or neither).
bool indexed(const ControlFiles& c) {
  REQUIRE(c.virtualdomains.indexed() == c.locals.indexed());
  return c.virtualdomains.indexed();
}

// Random control files made of the pieces the rules care about: letter
// case, blanks and CR around keys and values, comments, lines without ':' or
// with an empty side, "user@domain" keys, extra ':' in the value, ".suffix"
// keys, and keys repeated (a later line wins).
class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::string domain() {
    static const char* labels[] = {"a", "b", "ex", "Mail", "x-y", "Q", "com", "test"};
    std::string d;
    int n = 1 + pick(3);
    for (int i = 0; i < n; ++i) d += std::string(i ? "." : "") + labels[pick(8)];
    return d;
  }
  std::string key() {
    std::string k = domain();
    if (pick(3) == 0) k = "." + k;
    if (pick(12) == 0) k = "joe@" + k;
    return k;
  }
  std::string blanks() {
    static const char* b[] = {"", "", "", " ", "\t", "  \t "};
    return b[pick(6)];
  }
  std::string virtualdomains(int lines) {
    static const char* bases[] = {"b1", "B2", "base-x", "u", "v:extra"};
    std::string text;
    for (int i = 0; i < lines; ++i) {
      std::string line;
      switch (pick(12)) {
        case 0: line = ""; break;
        case 1: line = "# " + key() + ":commented"; break;
        case 2: line = key(); break;                      // no ':'
        case 3: line = ":" + std::string(bases[pick(5)]); break;  // empty key
        case 4: line = key() + ":" + blanks(); break;     // empty value
        default:
          line = blanks() + key() + blanks() + ":" + blanks() + bases[pick(5)] + blanks();
      }
      if (pick(8) == 0) line += "\r";
      text += line + "\n";
    }
    if (pick(2)) text += key() + ":last";  // no final newline
    return text;
  }
  std::string locals(int lines) {
    std::string text;
    for (int i = 0; i < lines; ++i) {
      switch (pick(6)) {
        case 0: text += "\n"; break;
        case 1: text += "#" + domain() + "\n"; break;
        default: text += blanks() + domain() + blanks() + (pick(6) ? "" : "\r") + "\n";
      }
    }
    return text;
  }
  // Domains to ask about: every key and local line seen, in other letter
  // cases, with sub-domains, and made-up ones.
  std::vector<std::string> queries(const std::string& vd_text, const std::string& locals_text) {
    std::vector<std::string> q = {"", ".", "..", "a.", ".a", "com", "x"};
    for (const std::string& text : {vd_text, locals_text}) {
      std::size_t start = 0;
      while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        std::string k = line.substr(0, line.find(':'));
        while (!k.empty() && (k.front() == ' ' || k.front() == '\t' || k.front() == '.'))
          k.erase(0, 1);
        while (!k.empty() && (k.back() == ' ' || k.back() == '\t' || k.back() == '\r'))
          k.pop_back();
        q.push_back(k);
        q.push_back(upper(k));
        q.push_back("sub." + k);
        q.push_back("x.Y." + k);
      }
    }
    for (int i = 0; i < 40; ++i) q.push_back(domain());
    return q;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  static std::string upper(std::string s) {
    for (char& c : s)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
  }
  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("control_paths: the settings qmail-root and control-index") {
  TempDir dir;
  const Config defaults(dir.path, "");
  CHECK(control_paths(defaults).index_dir == "/var/lib/vmailmgr/control-index/");
  write_file(dir / "qmail-root", "/opt/qmail\n");
  write_file(dir / "control-index", "/srv/index\n");
  const Config set(dir.path, "");
  CHECK(control_paths(set).qmail_root == "/opt/qmail/");
  CHECK(control_paths(set).index_dir == "/srv/index/");
  write_file(dir / "control-index", "\n");
  CHECK(control_paths(Config(dir.path, "")).index_dir == "");
}

TEST_CASE("read_control: both files, with and without their index") {
  Fixture f;
  f.write("Example.com:exbase\r\n.wild.test:wbase\n# x\n", "LocalHost\n");
  for (const std::string& index_dir : {std::string(), f.paths.index_dir}) {
    for (const std::string& root : {f.paths.qmail_root, f.paths.qmail_root + "/"}) {
      CAPTURE(root);
      CAPTURE(index_dir);
      ::unlink(f.index.c_str());
      for (int pass = 0; pass < 2; ++pass) {  // the second one through the index, if any
        ControlFiles files = read_control({root, index_dir}, later());
        CHECK(indexed(files) == (pass == 1 && !index_dir.empty()));
        CHECK(files.virtualdomains.find("example.com") == "exbase");
        CHECK(files.virtualdomains.find("a.wild.test") == "wbase");
        CHECK(files.virtualdomains.find("wild.test") == std::nullopt);
        CHECK(files.locals.contains("localhost"));
        CHECK_FALSE(files.locals.contains("example.com"));
      }
    }
  }
}

TEST_CASE("read_control: missing files are empty, indexed or not") {
  Fixture f;
  for (int pass = 0; pass < 2; ++pass) {
    ControlFiles files = read_control(f.paths, later());
    CHECK(indexed(files) == (pass == 1));
    CHECK(files.virtualdomains.find("example.com") == std::nullopt);
    CHECK_FALSE(files.locals.contains("localhost"));
  }
  write_file(f.locals, "only.test\n");
  ControlFiles files = read_control(f.paths, later());
  CHECK_FALSE(indexed(files));
  CHECK(files.locals.contains("only.test"));
}

TEST_CASE("read_control: an unreadable file throws with its path, index or not") {
  Fixture f;
  std::filesystem::create_directories(f.vd);
  for (const std::string& index_dir : {std::string(), f.paths.index_dir})
    CHECK(error_of([&] { read_control({f.paths.qmail_root, index_dir}, later()); }) ==
          "unable to read " + f.vd + ": Is a directory");
}

TEST_CASE("the index gives exactly the answers of the text (generated files)") {
  for (unsigned seed = 1; seed <= 100; ++seed) {
    CAPTURE(seed);
    Fixture f;
    Generator gen(seed);
    const std::string vd_text = gen.virtualdomains(1 + static_cast<int>(seed % 40));
    const std::string locals_text = gen.locals(static_cast<int>(seed % 15));
    f.write(vd_text, locals_text);
    const VirtualDomains parsed_vd = VirtualDomains::parse(vd_text);
    const Locals parsed_locals = Locals::parse(locals_text);
    REQUIRE_FALSE(indexed(read_control(f.paths, later())));  // writes the index
    const ControlFiles files = read_control(f.paths, later());
    REQUIRE(indexed(files));
    int mismatches = 0;
    for (const std::string& q : gen.queries(vd_text, locals_text)) {
      if (files.virtualdomains.find(q) != parsed_vd.find(q) ||
          files.locals.contains(q) != parsed_locals.contains(q)) {
        ++mismatches;
        MESSAGE("differs for [" << q << "]");
      }
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("an up-to-date index is what answers") {
  Fixture f;
  f.write("example.com:textbase\n", "");
  // An index with the files' real stamps but other records: read_control
  // must answer from it (a reader that reads the text would not see it).
  const store::TextIndex ix(f.paths.index_dir, "control", "vmailmgr control index 1",
                            {f.vd, f.locals}, 1 << 20);
  const std::vector<store::SourceText> texts = ix.read_sources();
  REQUIRE(ix.store(texts, later(), [](fmt::CdbWriter& w) {
    VirtualDomains::parse("example.com:indexbase\n").write_index(w);
    Locals::parse("only-in-index.test\n").write_index(w);
  }) == store::TextIndex::Stored::written);
  ControlFiles files = read_control(f.paths, later());
  CHECK(files.virtualdomains.find("example.com") == "indexbase");
  CHECK(files.locals.contains("only-in-index.test"));
}

TEST_CASE("an edit is seen by the next read, and the index follows once it is settled") {
  Fixture f;
  f.write("example.com:oldbase\n", "");
  REQUIRE_FALSE(indexed(read_control(f.paths, later())));
  REQUIRE(indexed(read_control(f.paths, later())));

  f.write("example.com:newbase\n", "example.org\n");  // same size for virtualdomains
  // Just edited: the text answers and no index is written from it yet.
  ControlFiles files = read_control(f.paths, std::time(nullptr));
  CHECK_FALSE(indexed(files));
  CHECK(files.virtualdomains.find("example.com") == "newbase");
  CHECK(files.locals.contains("example.org"));
  files = read_control(f.paths, std::time(nullptr));
  CHECK_FALSE(indexed(files));
  CHECK(files.virtualdomains.find("example.com") == "newbase");

  // Settled: the next reader rebuilds, the one after uses the new index.
  CHECK_FALSE(indexed(read_control(f.paths, later())));
  files = read_control(f.paths, later());
  CHECK(indexed(files));
  CHECK(files.virtualdomains.find("example.com") == "newbase");
  CHECK(files.locals.contains("example.org"));
}

TEST_CASE("a reader that may not write the index directory reads the text") {
  Fixture f;
  f.write("example.com:exbase\n", "local.test\n");
  REQUIRE(::chmod(f.dir.path.c_str(), 0755) == 0);
  auto check = [&] {
    ControlFiles files = read_control(f.paths, later());
    return files.virtualdomains.find("www.example.com") == std::nullopt &&
                   files.virtualdomains.find("example.com") == "exbase" &&
                   files.locals.contains("local.test")
               ? (indexed(files) ? 2 : 0)
               : 1;
  };
  if (::geteuid() != 0) REQUIRE(::chmod(f.paths.index_dir.c_str(), 0555) == 0);
  CHECK(in_child(check, true) == 0);  // right answers, from the text
  CHECK_FALSE(exists(f.index));
}

TEST_CASE("while another process rebuilds the index, readers read the text") {
  Fixture f;
  f.write("example.com:exbase\n", "");
  LockHolder holder(f.paths.index_dir + "/control.lock");
  ControlFiles files = read_control(f.paths, later());
  CHECK_FALSE(indexed(files));
  CHECK(files.virtualdomains.find("example.com") == "exbase");
  CHECK_FALSE(exists(f.index));
}

TEST_CASE("many readers at once after an edit: right answers, one new index") {
  Fixture f;
  f.write("example.com:oldbase\n", "");
  REQUIRE_FALSE(indexed(read_control(f.paths, later())));
  f.write("example.com:newbase\n.example.net:netbase\n", "example.org\n");
  constexpr int kReaders = 12;
  int go[2];
  REQUIRE(::pipe(go) == 0);
  std::vector<pid_t> pids;
  for (int i = 0; i < kReaders; ++i) {
    pids.push_back(start_child([&] {
      ::close(go[1]);
      char c;
      (void)!::read(go[0], &c, 1);
      for (int round = 0; round < 20; ++round) {
        ControlFiles files = read_control(f.paths, later());
        if (files.virtualdomains.find("Example.COM") != "newbase" ||
            files.virtualdomains.find("a.example.net") != "netbase" ||
            !files.locals.contains("example.org"))
          return 1;
      }
      return 0;
    }));
  }
  ::close(go[0]);
  ::close(go[1]);
  for (pid_t pid : pids) CHECK(wait_child(pid) == 0);
  CHECK(indexed(read_control(f.paths, later())));
  CHECK(list_dir(f.paths.index_dir) == std::vector<std::string>{"control.cdb", "control.lock"});
}
