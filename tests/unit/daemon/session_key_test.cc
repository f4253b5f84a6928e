#include "daemon/session_key.h"

#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "domain/config.h"

using namespace vmm::daemon;
using vmm::ErrorClass;
using vmm::testing::error_of;

namespace {

struct Etc {
  vmm::testing::TempDir t;
  std::string dir = t / "etc";
  std::string key = dir + "/session-key";
  vmm::domain::Config global{dir, ""};
  Etc() { vmm::testing::create_dir(dir, 0755); }
};

std::string mode_owner(const std::string& path) {
  struct stat st;
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return std::to_string(st.st_mode & 07777) + " " + std::to_string(st.st_uid) + " " +
         std::to_string(st.st_size);
}

}  // namespace

TEST_CASE("session key: made on first use, 32 bytes only its owner may read, then the same") {
  Etc e;
  const std::string k = read_or_create_session_key(e.key, ::geteuid());
  CHECK(k.size() == 32);
  CHECK(mode_owner(e.key) == std::to_string(0600) + " " + std::to_string(::geteuid()) + " 32");
  CHECK(vmm::testing::file_bytes(e.key) == k);
  CHECK(read_or_create_session_key(e.key, ::geteuid()) == k);
  CHECK(vmm::testing::list_dir(e.dir) == std::vector<std::string>{"session-key"});  // no temporary left
  // Another directory, another key: random, not a constant.
  Etc other;
  CHECK(read_or_create_session_key(other.key, ::geteuid()) != k);
}

TEST_CASE("session key: a file that is no secret is refused, never used or replaced") {
  Etc e;
  const std::string must = "session key file " + e.key + " must be ";
  vmm::testing::write_file(e.key, std::string(32, 'k'), 0640);
  CHECK(error_of([&] { read_or_create_session_key(e.key, ::geteuid()); }) ==
        must + "readable by its owner alone (mode 0600), not 0640");
  vmm::testing::write_file(e.key, std::string(31, 'k'), 0600);
  CHECK(error_of([&] { read_or_create_session_key(e.key, ::geteuid()); }) == must + "32 bytes long, not 31");
  vmm::testing::write_file(e.key, std::string(33, 'k'), 0600);
  CHECK(error_of([&] { read_or_create_session_key(e.key, ::geteuid()); }) == must + "32 bytes long, not 33");
  vmm::testing::write_file(e.key, "", 0600);
  CHECK(error_of([&] { read_or_create_session_key(e.key, ::geteuid()); }) == must + "32 bytes long, not 0");
  vmm::testing::write_file(e.key, std::string(32, 'k'), 0600);
  const uid_t someone = ::geteuid() + 1;
  CHECK(error_of([&] { read_or_create_session_key(e.key, someone); }) ==
        must + "owned by uid " + std::to_string(someone) + ", not uid " + std::to_string(::geteuid()));
  CHECK(vmm::testing::file_bytes(e.key) == std::string(32, 'k'));  // left as it was
  REQUIRE(::unlink(e.key.c_str()) == 0);
  REQUIRE(::symlink("elsewhere", e.key.c_str()) == 0);
  CHECK(error_of([&] { read_or_create_session_key(e.key, ::geteuid()); }) ==
        "session key file " + e.key + " must not be a symbolic link");
  REQUIRE(::unlink(e.key.c_str()) == 0);
  vmm::testing::create_dir(e.key, 0700);
  CHECK(error_of([&] { read_or_create_session_key(e.key, ::geteuid()); }) == must + "a regular file");
  // No directory to make it in: the error of the temporary file beside it.
  const std::string missing = e.dir + "/no/session-key";
  CHECK(error_of([&] { read_or_create_session_key(missing, ::geteuid()); }, ErrorClass::permanent)
            .starts_with("unable to open " + e.dir + "/no/session-key.tmp."));
}

TEST_CASE("session key: the settings") {
  Etc e;
  CHECK(session_key_path(e.global) == e.dir + "/session-key");
  CHECK(session_idle_seconds(e.global) == 900);
  vmm::testing::write_file(e.dir + "/session-key-file", "keys/web\n");
  vmm::testing::write_file(e.dir + "/session-idle", "60\n");
  vmm::domain::Config g{e.dir, ""};
  CHECK(session_key_path(g) == e.dir + "/keys/web");
  CHECK(session_idle_seconds(g) == 60);
  for (const char* bad : {"0\n", "-\n", "31536001\n"}) {
    CAPTURE(bad);
    vmm::testing::write_file(e.dir + "/session-idle", bad);
    vmm::domain::Config b{e.dir, ""};
    CHECK(error_of([&] { session_idle_seconds(b); }) == "the setting session-idle must be 1 to 31536000 seconds");
  }
  vmm::testing::write_file(e.dir + "/session-key-file", "/var/lib/x/key\n");
  CHECK(session_key_path(vmm::domain::Config{e.dir, ""}) == "/var/lib/x/key");
  vmm::testing::write_file(e.dir + "/session-key-file", "\n");
  CHECK(error_of([&] { session_key_path(vmm::domain::Config{e.dir, ""}); }) ==
        "the setting session-key-file is empty");
}

TEST_CASE("session key: one process reads it once, when first asked; stamps") {
  Etc e;
  SessionKeySource keys(e.global, ::geteuid());
  CHECK(!keys.loaded());
  CHECK_THROWS_AS(keys.stamp("own", "$0$x"), std::logic_error);
  CHECK(vmm::testing::list_dir(e.dir).empty());  // nothing made before it is needed
  vmm::testing::write_file(e.key, std::string(32, 'k'), 0644);
  CHECK(error_of([&] { keys.key(); }) ==
        "session key file " + e.key + " must be readable by its owner alone (mode 0600), not 0644");
  CHECK(!keys.loaded());
  REQUIRE(::chmod(e.key.c_str(), 0600) == 0);  // fixed: the next request works
  CHECK(keys.key() == std::string(32, 'k'));
  CHECK(keys.loaded());
  vmm::testing::write_file(e.key, std::string(32, 'z'), 0600);
  CHECK(keys.key() == std::string(32, 'k'));  // read once per process
  // 16 bytes of HMAC-SHA256(key, label NUL hash): fixed for one input, and
  // different for another label or hash.
  const std::string s = keys.stamp("own", "$0$joe-secret");
  CHECK(s.size() == 16);
  CHECK(s == keys.stamp("own", "$0$joe-secret"));
  CHECK(s != keys.stamp("admin", "$0$joe-secret"));
  CHECK(s != keys.stamp("own", "$0$joe-secreT"));
}
