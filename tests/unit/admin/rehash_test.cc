#include "admin/rehash.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "../testing/errors.h"
#include "../testing/files.h"
#include "base_home_testing.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::base_home_testing;
using namespace vmm::testing;
namespace fs = std::filesystem;

namespace {

using Names = std::vector<std::string>;

void maildir(const std::string& dir) {
  for (const char* sub : {"cur", "new", "tmp"}) fs::create_directories(dir + "/" + sub);
}

std::string moves(const RehashReport& r) {
  std::string out;
  for (const auto& m : r.moved)
    out += m.name + ":" + m.from + ">" + m.to + (m.renamed ? "" : "(recorded)") + " ";
  return out;
}

// A domain laid out flat: amy, kai (with a message) and the alias sales.
void flat_domain(const TempHome& h) {
  fmt::Record sales;
  sales.password = "*";
  sales.forwards = {"amy"};
  write_cdb(h / "passwd.cdb", {{"amy", fmt::encode_record(dated_mailbox("./users/amy"))},
                               {"sales", fmt::encode_record(sales)},
                               {"kai", fmt::encode_record(dated_mailbox("./users/kai"))}});
  maildir(h / "users/amy");
  maildir(h / "users/kai");
  write_file(h / "users/kai/new/1700000000.M1P1.host", "Subject: hi\n\nbody\n");
}

}  // namespace

TEST_CASE("rehash: directories move to the hashed layout with their mail, and back") {
  TempHome h;
  flat_domain(h);
  const std::string sales_raw(*store::TableSnapshot(h / "passwd.cdb").find_raw("sales"));
  h.set("user-dir-bits", "4\n");
  h.set("user-dir-slices", "2\n");
  RehashReport r = rehash_domain(h.domain());
  CHECK(moves(r) == "amy:./users/amy>./users/7/7/amy kai:./users/kai>./users/9/c/kai ");
  CHECK(r.in_place == 0);
  CHECK(r.notes.empty());
  CHECK(r.failures.empty());
  CHECK(stored(h, "kai").directory == "./users/9/c/kai");
  CHECK(stored(h, "amy").directory == "./users/7/7/amy");
  CHECK(*store::TableSnapshot(h / "passwd.cdb").find_raw("sales") == sales_raw);
  CHECK(file_bytes(h / "users/9/c/kai/new/1700000000.M1P1.host") == "Subject: hi\n\nbody\n");
  CHECK(mode_of(h / "users/9") == 0755);
  CHECK_FALSE(exists(h / "users/kai"));

  // Nothing left to do: the table is not even rewritten.
  const std::string table = h.table_bytes();
  r = rehash_domain(h.domain());
  CHECK(r.moved.empty());
  CHECK(r.in_place == 2);
  CHECK(h.table_bytes() == table);

  h.set("user-dir-bits", "0\n");
  r = rehash_domain(h.domain());
  CHECK(moves(r) == "amy:./users/7/7/amy>./users/amy kai:./users/9/c/kai>./users/kai ");
  CHECK(file_bytes(h / "users/kai/new/1700000000.M1P1.host") == "Subject: hi\n\nbody\n");
  // The hash directories it emptied are gone; users/ stays.
  CHECK_FALSE(exists(h / "users/9"));
  CHECK_FALSE(exists(h / "users/7"));
  CHECK(exists(h / "users/amy/cur"));
}

TEST_CASE("rehash: a run that crashed after its renames is finished by the next one") {
  TempHome h;
  flat_domain(h);
  h.set("user-dir-bits", "4\n");
  h.set("user-dir-slices", "2\n");
  // What a crash between the renames and the table write leaves: kai moved,
  // amy not, the table still naming the old places.
  fs::create_directories(h / "users/9/c");
  fs::rename(h / "users/kai", h / "users/9/c/kai");
  RehashReport r = rehash_domain(h.domain());
  CHECK(moves(r) ==
        "amy:./users/amy>./users/7/7/amy kai:./users/kai>./users/9/c/kai(recorded) ");
  CHECK(r.failures.empty());
  CHECK(stored(h, "kai").directory == "./users/9/c/kai");
  CHECK(file_bytes(h / "users/9/c/kai/new/1700000000.M1P1.host") == "Subject: hi\n\nbody\n");

  // The same back to the flat layout: the hash directories the interrupted
  // run emptied are removed by the run that finishes the job.
  h.set("user-dir-bits", "0\n");
  fs::rename(h / "users/9/c/kai", h / "users/kai");
  r = rehash_domain(h.domain());
  CHECK(moves(r) ==
        "amy:./users/7/7/amy>./users/amy kai:./users/9/c/kai>./users/kai(recorded) ");
  CHECK_FALSE(exists(h / "users/9"));
  CHECK_FALSE(exists(h / "users/7"));
  CHECK(file_bytes(h / "users/kai/new/1700000000.M1P1.host") == "Subject: hi\n\nbody\n");
}

TEST_CASE("rehash: never merges two directories, never touches what is outside the home") {
  TempHome h;
  fs::create_directories(h.root + "/elsewhere/out");
  write_cdb(h / "passwd.cdb",
            {{"amy", fmt::encode_record(dated_mailbox("./users/amy"))},
             {"kai", fmt::encode_record(dated_mailbox("./users/kai"))},
             {"out", fmt::encode_record(dated_mailbox(h.root + "/elsewhere/out"))},
             {"up", fmt::encode_record(dated_mailbox("./../elsewhere/up"))},
             {"gone", fmt::encode_record(dated_mailbox("./users/gone"))},
             {"abs", fmt::encode_record(dated_mailbox(h / "users/abs"))},
             {"bad", "\x05junk"},
             {"Caps", fmt::encode_record(dated_mailbox("./users/caps"))},
             {"conf", fmt::encode_record(dated_mailbox("./.vmailmgr"))},
             {"top", fmt::encode_record(dated_mailbox("./mail/top"))}});
  maildir(h / "users/amy");
  maildir(h / "users/kai");
  maildir(h / "users/abs");
  fs::create_directories(h / "users/9/c/kai");  // an empty directory in the way
  h.set("user-dir-bits", "4\n");
  h.set("user-dir-slices", "2\n");
  RehashReport r = rehash_domain(h.domain());
  CHECK(moves(r) == "amy:./users/amy>./users/7/7/amy abs:" + (h / "users/abs") +
                        ">./users/6/a/abs ");
  CHECK(r.notes == Names{"account 'out': directory " + h.root +
                             "/elsewhere/out is not inside the base home; left alone",
                         "account 'up': directory ./../elsewhere/up is not inside the base "
                         "home; left alone",
                         "account 'gone': directory ./users/gone is missing; left alone",
                         "account 'conf': directory ./.vmailmgr is not under user-dir " +
                             h / "users; left alone",
                         "account 'top': directory ./mail/top is not under user-dir " +
                             h / "users; left alone"});
  CHECK(r.failures ==
        Names{"account 'kai': both ./users/kai and ./users/9/c/kai exist; nothing moved",
              "account 'bad': unknown record version byte 0x05",
              "account 'Caps': the name has capital letters; run vupgrade first"});
  CHECK(stored(h, "kai").directory == "./users/kai");
  CHECK(exists(h / "users/kai/cur"));
  CHECK(exists(h.root + "/elsewhere/out"));
  CHECK(stored(h, "out").directory == h.root + "/elsewhere/out");
  CHECK(*store::TableSnapshot(h / "passwd.cdb").find_raw("bad") == "\x05junk");
}

TEST_CASE("rehash: a bad layout setting stops before anything moves") {
  TempHome h;
  flat_domain(h);
  const std::string before = h.table_bytes();
  h.set("user-dir-bits", "12\n");
  h.set("user-dir-slices", "3\n");
  CHECK(error_of([&] { rehash_domain(h.domain()); }) ==
        "invalid hashed user directory layout: user-dir-bits 12 with user-dir-slices 3 (bits "
        "must be 1..32 and bits * slices at most 32)");
  CHECK(h.table_bytes() == before);
  CHECK(exists(h / "users/kai/new"));
}

TEST_CASE("rehash: accounts without a directory and legacy records") {
  TempHome h;
  write_cdb(h / "passwd.cdb",
            {{"fwd", ":pw:a@b"},
             {"old", ":pw:./users/old"},
             {"v1", raw("\x01pw\0\0\0\0-\0-\0-\0-\0-\0-\0")}});
  maildir(h / "users/old");
  h.set("user-dir-bits", "4\n");
  h.set("user-dir-slices", "1\n");
  RehashReport r = rehash_domain(h.domain());
  CHECK(moves(r) == "old:./users/old>./users/5/old ");
  CHECK(*store::TableSnapshot(h / "passwd.cdb").find_raw("fwd") == ":pw:a@b");
  CHECK(stored(h, "old").directory == "./users/5/old");
  CHECK(stored(h, "old").ctime == fmt::Limit(0));
  CHECK(exists(h / "users/5/old/new"));
}
