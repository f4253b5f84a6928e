#include "admin/upgrade.h"

#include "admin/upgrade_import.h"
#include "fmt/record.h"
#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::admin {

namespace {

// A legacy text file is a list of accounts: generous, but bounded.
constexpr std::size_t kMaxTextBytes = std::size_t{256} << 20;

bool exists(const std::string& path) {
  return sys::file_kind(path, sys::Links::follow) != sys::FileKind::missing;
}

void convert_table(const store::TableSnapshot& current, store::TableChange& change,
                   UpgradeReport& report) {
  current.for_each([&](std::string_view key, std::string_view raw) {
    const std::string name(key), lowered = store::table_key(key);
    try {
      std::optional<std::string> bytes = upgraded_record(raw);
      if (lowered != name && current.contains(lowered)) {
        report.problems.push_back("account '" + name + "': another record is stored as '" +
                                  lowered + "'; left as it is");
      } else if (bytes || lowered != name) {
        change.put_raw(lowered, bytes ? *bytes : std::string(raw));
        ++report.converted;
      } else {
        ++report.current;
      }
    } catch (const Error& e) {
      report.problems.push_back("account '" + name + "': " + e.what() + "; left as it is");
    }
    return true;
  });
}

void import_text(const store::TableSnapshot& current, store::TableChange& change,
                 UpgradeReport& report) {
  LegacyImport legacy =
      parse_legacy_passwd(sys::read_file(report.text_path, kMaxTextBytes), current);
  report.notes = std::move(legacy.notes);
  report.problems = std::move(legacy.problems);
  if (!report.problems.empty()) return;  // all or nothing
  for (const auto& [name, record] : legacy.accounts) change.put(name, record);
  report.imported = legacy.accounts.size();
}

}  // namespace

std::optional<std::string> upgraded_record(std::string_view raw) {
  std::string bytes = fmt::encode_record(fmt::decode_record(raw));
  if (bytes == raw) return std::nullopt;
  return bytes;
}

UpgradeReport upgrade_domain(const domain::Domain& d) {
  UpgradeReport report;
  report.text_path = d.home() + "/" + d.config().str("password-file");
  store::Table table = d.table();
  table.update([&](const store::TableSnapshot& current, store::TableChange& change) {
    if (exists(table.path())) {
      report.source = UpgradeReport::table;
      if (exists(report.text_path))
        report.notes.push_back("the text file " + report.text_path +
                               " is not imported: " + table.path() + " exists");
      convert_table(current, change, report);
      return;
    }
    if (!exists(report.text_path))
      throw Error(ErrorClass::permanent, "nothing to upgrade: neither " + table.path() + " nor " +
                                             report.text_path + " exists");
    report.source = UpgradeReport::text_file;
    import_text(current, change, report);
  });
  return report;
}

}  // namespace vmm::admin
