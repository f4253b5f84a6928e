#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "fmt/cdb_read.h"
#include "fmt/cdb_write.h"
#include "store/table.h"
#include "sys/error.h"
#include "table_testing.h"

using namespace vmm;
using namespace vmm::testing;
using namespace vmm::table_testing;
using Entries = std::vector<std::pair<std::string, std::string>>;

namespace {

// Applies change to a table holding before; returns every record of the
// result (duplicates included) in file order.
Entries applied(const Entries& before, const store::TableChange& change) {
  TempDir dir;
  write_cdb(dir / "passwd.cdb", before);
  store::TableSnapshot current(dir / "passwd.cdb");
  fmt::StringSink sink;
  fmt::CdbWriter writer(sink);
  change.apply(current, writer);
  writer.finish();
  Entries out;
  fmt::CdbReader(sink.bytes).for_each([&](std::string_view k, std::string_view v) {
    out.emplace_back(k, v);
    return true;
  });
  return out;
}

}  // namespace

TEST_CASE("an unchanged table is copied record for record") {
  store::TableChange change;
  CHECK(change.empty());
  const Entries before{{"b", "2"}, {"a", "1"}, {"c", "\x01raw"}};
  CHECK(applied(before, change) == before);
}

TEST_CASE("put replaces in place, remove drops, new names are appended in order") {
  store::TableChange change;
  change.put_raw("zoe", "new-zoe");
  change.put_raw("b", "new-b");
  change.remove("a");
  change.put("amy", account("h-amy"));
  change.remove("nobody");  // removing a missing name changes nothing
  CHECK_FALSE(change.empty());
  CHECK(applied({{"a", "1"}, {"b", "2"}, {"c", "3"}}, change) ==
        Entries{{"b", "new-b"}, {"c", "3"}, {"zoe", "new-zoe"},
                {"amy", fmt::encode_record(account("h-amy"))}});
}

TEST_CASE("the last change to a name wins, names are lowercased") {
  store::TableChange change;
  change.put_raw("New", "first");
  change.remove("b");
  change.put_raw("B", "back");  // remove then put: replaced in place
  change.put_raw("gone", "x");
  change.remove("GONE");        // put then remove of a new name: nothing
  change.put_raw("new", "last");
  change.remove("a");
  change.put_raw("a", "a2");
  change.put_raw("A", "a3");
  CHECK(applied({{"a", "1"}, {"b", "2"}}, change) ==
        Entries{{"a", "a3"}, {"b", "back"}, {"new", "last"}});
}

TEST_CASE("stored keys that are not lowercase still match their name") {
  store::TableChange change;
  change.put_raw("ann", "new");
  change.remove("bob");
  // "Ann" and "ann" are both replaced by one record, at the first place.
  CHECK(applied({{"x", "1"}, {"Ann", "2"}, {"Bob", "3"}, {"ann", "4"}, {"Y", "5"}}, change) ==
        Entries{{"x", "1"}, {"ann", "new"}, {"Y", "5"}});
}

TEST_CASE("later duplicates of an unchanged key are not copied") {
  store::TableChange change;
  change.put_raw("new", "n");
  CHECK(applied({{"dup", "first"}, {"a", "1"}, {"dup", "second"}}, change) ==
        Entries{{"dup", "first"}, {"a", "1"}, {"new", "n"}});
}

TEST_CASE("a record that cannot be encoded is refused and changes nothing") {
  store::TableChange change;
  fmt::Record r = account("x");
  r.password.clear();
  try {
    change.put("joe", r);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::permanent);
    CHECK(std::string(e.what()) == "cannot encode record: empty password");
  }
  CHECK(change.empty());
}
