#include "store/reply_log.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "store/table_lock.h"

using namespace vmm;
using namespace vmm::store;
using namespace vmm::testing;

TEST_CASE("claim: once per sender per interval, case-insensitively") {
  TempDir tmp;
  ReplyLog log(tmp.path);
  CHECK(log.claim("Alice@Example.org", 1000, 86400));
  CHECK(file_bytes(tmp / "replies") == "1000 alice@example.org\n");
  CHECK(mode_of(tmp / "replies") == 0600);
  CHECK(!log.claim("alice@example.org", 1000 + 86399, 86400));
  CHECK(log.claim("bob@example.org", 2000, 86400));
  CHECK(log.claim("alice@example.org", 1000 + 86400, 86400));
  // The expired entry went when alice was answered again.
  CHECK(file_bytes(tmp / "replies") == "2000 bob@example.org\n87400 alice@example.org\n");
  CHECK(list_dir(tmp.path) == std::vector<std::string>{"replies", "replies.lock"});
}

TEST_CASE("claim: interval 0 answers every message, unlimited only the first") {
  TempDir tmp;
  ReplyLog log(tmp.path);
  CHECK(log.claim("a@b", 10, 0));
  CHECK(log.claim("a@b", 10, 0));
  CHECK(log.claim("c@d", 10, std::nullopt));
  CHECK(!log.claim("c@d", 10 + 10 * 365 * 86400L, std::nullopt));
}

TEST_CASE("claim: an entry from the future counts until the clock catches up") {
  TempDir tmp;
  write_file(tmp / "replies", "5000 a@b\n");
  ReplyLog log(tmp.path);
  CHECK(!log.claim("a@b", 100, 60));
  CHECK(log.claim("a@b", 5060, 60));
}

TEST_CASE("claim: lines that do not parse are dropped, a torn last line too") {
  TempDir tmp;
  write_file(tmp / "replies", "junk\n12x a@b\n 5 c@d\n100 \n100 e@f\n100 g@h");
  ReplyLog log(tmp.path);
  CHECK(!log.claim("e@f", 150, 100));
  CHECK(log.claim("g@h", 150, 100));
  CHECK(file_bytes(tmp / "replies") == "100 e@f\n150 g@h\n");
}

TEST_CASE("claim: the record stays bounded, the oldest forgotten first") {
  TempDir tmp;
  std::string text;
  for (std::size_t i = 0; i < reply_log_max_entries; ++i)
    text += std::to_string(1000 + i) + " s" + std::to_string(i) + "@x\n";
  write_file(tmp / "replies", text);
  ReplyLog log(tmp.path);
  CHECK(log.claim("new@x", 50000, std::nullopt));
  std::string after = file_bytes(tmp / "replies");
  CHECK(after.find(" s0@x\n") == std::string::npos);
  CHECK(after.find("1001 s1@x\n") == 0);
  CHECK(after.ends_with("50000 new@x\n"));
}

TEST_CASE("claim: an oversized record is started afresh") {
  TempDir tmp;
  write_file(tmp / "replies", std::string(reply_log_max_entries * 1100 + 1, 'x'));
  ReplyLog log(tmp.path);
  CHECK(log.claim("a@b", 10, 100));
  CHECK(file_bytes(tmp / "replies") == "10 a@b\n");
}

TEST_CASE("release: takes back exactly the claim") {
  TempDir tmp;
  ReplyLog log(tmp.path);
  log.claim("a@b", 10, 100);
  log.claim("c@d", 20, 100);
  log.release("A@B", 11);  // another time: not that claim
  CHECK(file_bytes(tmp / "replies") == "10 a@b\n20 c@d\n");
  log.release("A@B", 10);
  CHECK(file_bytes(tmp / "replies") == "20 c@d\n");
  CHECK(log.claim("a@b", 30, 100));
}

TEST_CASE("claim: bad addresses; a held lock is a temporary error") {
  TempDir tmp;
  ReplyLog log(tmp.path, std::chrono::milliseconds(50));
  CHECK(error_of([&] { log.claim("", 1, 1); }) == "an empty address has no reply record");
  CHECK(error_of([&] { log.claim("a\n@b", 1, 1); }) ==
        "an address with a control byte has no reply record");
  // fcntl locks are per process: hold it from a child until we close go.
  int ready[2], go[2];
  REQUIRE(::pipe(ready) == 0);
  REQUIRE(::pipe(go) == 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(go[1]);
    TableLock held(tmp / "replies.lock", std::chrono::seconds(5));
    (void)!::write(ready[1], "x", 1);
    char c;
    (void)!::read(go[0], &c, 1);
    ::_exit(0);
  }
  ::close(go[0]);
  char c;
  REQUIRE(::read(ready[0], &c, 1) == 1);
  CHECK(error_of([&] { log.claim("a@b", 1, 1); }, ErrorClass::temporary) ==
        "unable to lock " + tmp.path + "/replies.lock: another writer holds it");
  ::close(go[1]);
  int status;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  ::close(ready[0]);
  ::close(ready[1]);
  CHECK(!exists(tmp / "replies"));
}
