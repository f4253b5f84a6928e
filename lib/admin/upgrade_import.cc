#include "admin/upgrade_import.h"

#include <algorithm>
#include <unordered_map>

#include "domain/account_name.h"
#include "domain/password.h"
#include "sys/error.h"

namespace vmm::admin {

namespace {

using Lines = std::unordered_map<std::string, std::size_t>;  // account -> line number

// Checks one forward of a line; returns a note (or "") and throws a problem.
std::string forward_note(const std::string& dest, const std::string& name, const Lines& names,
                         const store::TableSnapshot& target) {
  if (dest.find('@') != std::string::npos) {
    domain::check_forward(dest, target);
    return "";
  }
  // A bare forward names an account of the same domain.
  if (!domain::is_valid_account_name(dest))
    throw Error(ErrorClass::permanent,
                "invalid forward '" + dest + "': it is not a valid account name");
  if (names.count(store::table_key(dest)) || target.contains(dest)) return "";
  return "account '" + name + "' forwards to '" + dest + "', which is not an account here";
}

}  // namespace

LegacyImport parse_legacy_passwd(std::string_view text, const store::TableSnapshot& target) {
  LegacyImport out;
  Lines seen;
  std::vector<std::pair<std::size_t, std::string>> problems;  // sorted by line at the end
  // Names first, so a forward may name an account on a later line.
  struct Line {
    std::size_t number;
    std::string name;
    fmt::Record record;
  };
  std::vector<Line> lines;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    std::string_view line = text.substr(0, text.find('\n'));
    text.remove_prefix(std::min(text.size(), line.size() + 1));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = "line " + std::to_string(number) + ": ";
    try {
      auto [raw_name, record] = fmt::decode_legacy_line(line);
      std::string name = domain::account_name(raw_name);
      if (!domain::valid_password_hash(record.password))
        throw Error(ErrorClass::permanent, "account '" + name + "': invalid password hash");
      auto [it, added] = seen.emplace(name, number);
      if (!added)
        throw Error(ErrorClass::permanent,
                    "account '" + name + "' is already on line " + std::to_string(it->second));
      lines.push_back({number, std::move(name), std::move(record)});
    } catch (const Error& e) {
      problems.emplace_back(number, where + e.what());
    }
  }
  for (Line& l : lines) {
    const std::string where = "line " + std::to_string(l.number) + ": ";
    try {
      for (const std::string& dest : l.record.forwards) {
        std::string note = forward_note(dest, l.name, seen, target);
        if (!note.empty()) out.notes.push_back(where + note);
      }
      out.accounts.emplace_back(std::move(l.name), std::move(l.record));
    } catch (const Error& e) {
      problems.emplace_back(l.number, where + e.what());
    }
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [line, problem] : problems) out.problems.push_back(std::move(problem));
  return out;
}

}  // namespace vmm::admin
