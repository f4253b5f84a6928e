#include "store/text_index.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "../testing/child.h"
#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/lock_holder.h"
#include "../testing/temp_dir.h"

using namespace vmm;
using namespace vmm::testing;
using store::FileStamp;
using store::SourceText;
using store::TextIndex;
using Stored = store::TextIndex::Stored;

namespace {

constexpr const char* kFormat = "test index 1";

// A time at which every file written by the test is settled.
std::time_t later() { return std::time(nullptr) + 60; }

// Two sources "a" and "b" in dir/src, the index in dir/index.
struct Fixture {
  TempDir dir;
  std::string a = dir / "src/a", b = dir / "src/b", index_dir = dir / "index";
  Fixture() {
    write_file(a, "alpha\n");
    write_file(b, "beta\n");
    std::filesystem::create_directories(index_dir);
  }
  TextIndex index(std::string idir = "use the fixture's") const {
    if (idir == "use the fixture's") idir = index_dir;
    return TextIndex(idir, "t", kFormat, {a, b}, 1 << 20);
  }
  // The index of the sources as they are now; one record "k" -> the texts.
  Stored build(const TextIndex& ix, std::time_t now) const {
    std::vector<SourceText> texts = ix.read_sources();
    return ix.store(texts, now, [&](fmt::CdbWriter& w) { w.add("k", texts[0].text + texts[1].text); });
  }
};

std::string record_of(const std::shared_ptr<const store::IndexFile>& ix, std::string_view key) {
  if (!ix) return "(no index)";
  std::optional<std::string_view> v = ix->find(key);
  return v ? std::string(*v) : "(no record)";
}

// mtime set back to a fixed value, whatever the write just did.
void set_mtime(const std::string& path, std::time_t s, long ns) {
  struct timespec ts[2] = {{s, ns}, {s, ns}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), ts, 0) == 0);
}

}  // namespace

TEST_CASE("stamp_of: what stat tells, or missing") {
  TempDir dir;
  CHECK(store::stamp_of(dir / "none") == FileStamp{});
  CHECK(store::stamp_of(dir / "none/below") == FileStamp{});  // ENOTDIR counts as missing
  write_file(dir / "f", "12345", 0640);
  set_mtime(dir / "f", 1000000000, 123456789);
  struct stat st;
  REQUIRE(::stat((dir / "f").c_str(), &st) == 0);
  FileStamp s = store::stamp_of(dir / "f");
  CHECK(s.exists);
  CHECK(s.dev == st.st_dev);
  CHECK(s.ino == st.st_ino);
  CHECK(s.size == 5);
  CHECK(s.mode == (S_IFREG | 0640));
  CHECK(s.mtime_s == 1000000000);
  CHECK(s.mtime_ns == 123456789);
  CHECK(s.ctime_s == st.st_ctim.tv_sec);
  CHECK(s.ctime_ns == st.st_ctim.tv_nsec);
}

TEST_CASE("stamp_record names the format, each path and every field of its stamp") {
  const TextIndex ix("/idx", "t", kFormat, {"/s/a", "/s/b"}, 100);
  FileStamp s{true, 1, 2, 3, 0100644, 4, 5, 6, 7};
  CHECK(ix.stamp_record({"/s/a", "/s/b"}, {s, FileStamp{}}) ==
        "test index 1\n/s/a\t1\t2\t3\t33188\t4\t5\t6\t7\n/s/b\tmissing\n");
  const std::string base = ix.stamp_record({"/s/a"}, {s});
  // Any one field different gives another record: the index is not used.
  std::vector<FileStamp> changed(9, s);
  changed[0].dev++;
  changed[1].ino++;
  changed[2].size++;
  changed[3].mode ^= 0004;
  changed[4].mtime_s++;
  changed[5].mtime_ns++;
  changed[6].ctime_s++;
  changed[7].ctime_ns++;
  changed[8].exists = false;
  for (std::size_t i = 0; i < changed.size(); ++i) {
    CAPTURE(i);
    CHECK(ix.stamp_record({"/s/a"}, {changed[i]}) != base);
  }
  CHECK(ix.stamp_record({"/s/other"}, {s}) != base);
  CHECK(TextIndex("/idx", "t", "test index 2", {}, 100).stamp_record({"/s/a"}, {s}) != base);
}

TEST_CASE("an index is written, then used while the sources do not change") {
  Fixture f;
  const TextIndex ix = f.index();
  CHECK(ix.path() == f.index_dir + "/t.cdb");
  CHECK(ix.open_fresh() == nullptr);
  CHECK(f.build(ix, later()) == Stored::written);
  CHECK(record_of(ix.open_fresh(), "k") == "alpha\nbeta\n");
  CHECK(mode_of(ix.path()) == 0644);
  CHECK(list_dir(f.index_dir) == std::vector<std::string>{"t.cdb", "t.lock"});
  // The same texts again: nothing to write.
  CHECK(f.build(ix, later()) == Stored::current);
}

TEST_CASE("read_sources: texts, stamps, a missing source is empty") {
  Fixture f;
  REQUIRE(::unlink(f.b.c_str()) == 0);
  std::vector<SourceText> texts = f.index().read_sources();
  REQUIRE(texts.size() == 2);
  CHECK(texts[0].path == f.a);
  CHECK(texts[0].text == "alpha\n");
  CHECK(texts[0].stamp == store::stamp_of(f.a));
  CHECK(texts[0].steady);
  CHECK(texts[1].path == f.b);
  CHECK(texts[1].text == "");
  CHECK_FALSE(texts[1].stamp.exists);
}

TEST_CASE("read_sources: a source that cannot be read throws; one too big too") {
  Fixture f;
  REQUIRE(::unlink(f.b.c_str()) == 0);
  std::filesystem::create_directories(f.b);
  CHECK(error_of([&] { f.index().read_sources(); }) ==
        "unable to read " + f.b + ": Is a directory");
  const TextIndex small(f.index_dir, "t", kFormat, {f.a}, 5);
  CHECK(error_of([&] { small.read_sources(); }) == f.a + " is larger than 5 bytes");
}

TEST_CASE("an index recorded for other stamps is never used (each field)") {
  Fixture f;
  const TextIndex ix = f.index();
  const std::vector<SourceText> real = ix.read_sources();
  auto write = [&](std::vector<SourceText> texts) {
    ::unlink(ix.path().c_str());
    REQUIRE(ix.store(texts, later(), [](fmt::CdbWriter& w) { w.add("k", "v"); }) ==
            Stored::written);
  };
  write(real);
  CHECK(record_of(ix.open_fresh(), "k") == "v");  // the real stamps: used
  using Field = void (*)(FileStamp&);
  const std::pair<const char*, Field> fields[] = {
      {"dev", [](FileStamp& s) { s.dev++; }},
      {"ino", [](FileStamp& s) { s.ino++; }},
      {"size", [](FileStamp& s) { s.size++; }},
      {"mode", [](FileStamp& s) { s.mode ^= 0040; }},
      {"mtime seconds", [](FileStamp& s) { s.mtime_s--; }},
      {"mtime nanoseconds", [](FileStamp& s) { s.mtime_ns = (s.mtime_ns + 1) % 1000000000; }},
      {"ctime seconds", [](FileStamp& s) { s.ctime_s--; }},
      {"ctime nanoseconds", [](FileStamp& s) { s.ctime_ns = (s.ctime_ns + 1) % 1000000000; }},
      {"exists", [](FileStamp& s) { s = FileStamp{}; }},
  };
  for (std::size_t source = 0; source < 2; ++source) {
    for (const auto& [name, change] : fields) {
      CAPTURE(source);
      CAPTURE(name);
      std::vector<SourceText> texts = real;
      change(texts[source].stamp);
      write(texts);
      CHECK(ix.open_fresh() == nullptr);
    }
  }
}

TEST_CASE("every kind of edit makes the index stale") {
  Fixture f;
  const TextIndex ix = f.index();
  auto fresh_after = [&](auto edit) {
    ::unlink(ix.path().c_str());
    REQUIRE(f.build(ix, later()) == Stored::written);
    REQUIRE(ix.open_fresh() != nullptr);
    edit();
    return ix.open_fresh() != nullptr;
  };
  SUBCASE("rewritten in place, same size, mtime put back") {
    struct stat st;
    REQUIRE(::stat(f.a.c_str(), &st) == 0);
    CHECK_FALSE(fresh_after([&] {
      write_file(f.a, "ALPHA\n");
      set_mtime(f.a, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    }));
  }
  SUBCASE("replaced by rename, same size and mtime") {
    struct stat st;
    REQUIRE(::stat(f.a.c_str(), &st) == 0);
    CHECK_FALSE(fresh_after([&] {
      write_file(f.a + ".new", "ALPHA\n");
      set_mtime(f.a + ".new", st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
      REQUIRE(::rename((f.a + ".new").c_str(), f.a.c_str()) == 0);
    }));
  }
  SUBCASE("appended to") {
    CHECK_FALSE(fresh_after([&] { write_file(f.b, "beta\ngamma\n"); }));
  }
  SUBCASE("removed") {
    CHECK_FALSE(fresh_after([&] { REQUIRE(::unlink(f.b.c_str()) == 0); }));
  }
  SUBCASE("made when it was missing") {
    REQUIRE(::unlink(f.b.c_str()) == 0);
    CHECK_FALSE(fresh_after([&] { write_file(f.b, ""); }));
  }
  SUBCASE("mode changed") {
    CHECK_FALSE(fresh_after([&] { REQUIRE(::chmod(f.a.c_str(), 0600) == 0); }));
  }
  SUBCASE("nothing: still fresh") {
    CHECK(fresh_after([] {}));
  }
}

TEST_CASE("no index from texts that are too recent or changed while read") {
  Fixture f;
  const TextIndex ix = f.index();
  std::vector<SourceText> texts = ix.read_sources();
  auto none = [](fmt::CdbWriter&) {};
  const std::time_t written = std::max(texts[0].stamp.ctime_s, texts[1].stamp.ctime_s);
  CHECK(ix.store(texts, written, none) == Stored::unsettled);
  CHECK(ix.store(texts, written + store::kSettleSeconds - 1, none) == Stored::unsettled);
  texts[1].steady = false;
  CHECK(ix.store(texts, later(), none) == Stored::unsettled);
  CHECK_FALSE(exists(ix.path()));
  texts[1].steady = true;
  // A future mtime (a clock set back) never settles at the present time.
  set_mtime(f.a, std::time(nullptr) + 3600, 0);
  CHECK(f.build(ix, std::time(nullptr) + 60) == Stored::unsettled);
  CHECK(ix.store(texts, written + store::kSettleSeconds, none) == Stored::written);
}

TEST_CASE("no directory configured: no index") {
  Fixture f;
  const TextIndex ix = f.index("");
  CHECK(ix.path() == "");
  CHECK(f.build(ix, later()) == Stored::no_index);
  CHECK(ix.open_fresh() == nullptr);
  CHECK(ix.read_sources()[0].text == "alpha\n");
}

TEST_CASE("a directory this process may not write: the text only") {
  Fixture f;
  SUBCASE("missing directory") {
    const TextIndex ix = f.index(f.dir / "nowhere");
    CHECK(f.build(ix, later()) == Stored::failed);
    CHECK_FALSE(exists(f.dir / "nowhere"));
  }
  SUBCASE("a directory of root's, as another user") {
    REQUIRE(::chmod(f.dir.path.c_str(), 0755) == 0);
    REQUIRE(::chmod(f.index_dir.c_str(), 0755) == 0);
    const TextIndex ix = f.index();
    if (::geteuid() != 0) {  // not root: a directory without write permission will do
      REQUIRE(::chmod(f.index_dir.c_str(), 0555) == 0);
      CHECK(f.build(ix, later()) == Stored::failed);
      CHECK(list_dir(f.index_dir).empty());
      return;
    }
    int rc = in_child([&] { return f.build(ix, later()) == Stored::failed ? 0 : 1; }, true);
    CHECK(rc == 0);
    CHECK(list_dir(f.index_dir).empty());
    // Root writes it; the other user then uses it (mode 0644, owned by root).
    REQUIRE(f.build(ix, later()) == Stored::written);
    rc = in_child([&] { return record_of(ix.open_fresh(), "k") == "alpha\nbeta\n" ? 0 : 1; }, true);
    CHECK(rc == 0);
  }
}

TEST_CASE("a source not readable by others gives an index readable by its owner only") {
  Fixture f;
  REQUIRE(::chmod(f.b.c_str(), 0640) == 0);
  const TextIndex ix = f.index();
  REQUIRE(f.build(ix, later()) == Stored::written);
  CHECK(mode_of(ix.path()) == 0600);
}

TEST_CASE("an index someone else could have written is not used") {
  Fixture f;
  const TextIndex ix = f.index();
  REQUIRE(f.build(ix, later()) == Stored::written);
  REQUIRE(ix.open_fresh() != nullptr);
  SUBCASE("writable by its group") {
    REQUIRE(::chmod(ix.path().c_str(), 0664) == 0);
    CHECK(ix.open_fresh() == nullptr);
  }
  SUBCASE("writable by others") {
    REQUIRE(::chmod(ix.path().c_str(), 0646) == 0);
    CHECK(ix.open_fresh() == nullptr);
  }
  SUBCASE("owned by another user") {
    if (::geteuid() != 0) return;
    REQUIRE(::chown(ix.path().c_str(), 12345, 12345) == 0);
    CHECK(ix.open_fresh() == nullptr);
  }
  SUBCASE("a symbolic link to a good index") {
    REQUIRE(::rename(ix.path().c_str(), (f.dir / "elsewhere.cdb").c_str()) == 0);
    REQUIRE(::symlink((f.dir / "elsewhere.cdb").c_str(), ix.path().c_str()) == 0);
    CHECK(ix.open_fresh() == nullptr);
  }
  SUBCASE("truncated") {
    REQUIRE(::truncate(ix.path().c_str(), 100) == 0);
    CHECK(ix.open_fresh() == nullptr);
    // ... and rebuilt by the next reader that may.
    CHECK(f.build(ix, later()) == Stored::written);
    CHECK(record_of(ix.open_fresh(), "k") == "alpha\nbeta\n");
  }
  SUBCASE("another format") {
    const TextIndex other(f.index_dir, "t", "test index 2", {f.a, f.b}, 1 << 20);
    CHECK(other.open_fresh() == nullptr);
  }
}

TEST_CASE("while another process writes the index, a reader does not wait or write") {
  Fixture f;
  const TextIndex ix = f.index();
  LockHolder holder(f.index_dir + "/t.lock");
  CHECK(f.build(ix, later()) == Stored::busy);
  CHECK_FALSE(exists(ix.path()));
  holder.release();
  CHECK(f.build(ix, later()) == Stored::written);
}

TEST_CASE("a writer's leftovers are removed by the next writer") {
  Fixture f;
  const TextIndex ix = f.index();
  write_file(ix.path() + ".tmp.999999", "half an index");
  write_file(f.index_dir + "/unrelated", "kept");
  REQUIRE(f.build(ix, later()) == Stored::written);
  CHECK(list_dir(f.index_dir) == std::vector<std::string>{"t.cdb", "t.lock", "unrelated"});
}

TEST_CASE("many processes finding no index at once: one index, whole") {
  Fixture f;
  const TextIndex ix = f.index();
  constexpr int kProcesses = 12;
  int go[2];
  REQUIRE(::pipe(go) == 0);
  std::vector<pid_t> pids;
  for (int i = 0; i < kProcesses; ++i) {
    pids.push_back(start_child([&] {
      ::close(go[1]);
      char c;
      (void)!::read(go[0], &c, 1);  // all start together, at EOF
      Stored s = f.build(ix, later());
      if (s == Stored::written) return 10;
      if (s == Stored::busy || s == Stored::current) return 11;
      return 1;
    }));
  }
  ::close(go[0]);
  ::close(go[1]);
  int written = 0, others = 0;
  for (pid_t pid : pids) {
    int rc = wait_child(pid);
    if (rc == 10) ++written;
    else if (rc == 11) ++others;
    else FAIL("a child failed: " << rc);
  }
  CHECK(written == 1);
  CHECK(others == kProcesses - 1);
  CHECK(record_of(ix.open_fresh(), "k") == "alpha\nbeta\n");
  CHECK(list_dir(f.index_dir) == std::vector<std::string>{"t.cdb", "t.lock"});
}
