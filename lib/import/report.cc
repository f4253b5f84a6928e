#include "import/report.h"

namespace vmm::import {
namespace {

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::vector<std::string> report_lines(const Outcome& o, bool dry_run, bool quiet) {
  std::vector<std::string> lines;
  const std::string verb = dry_run ? "would add" : "added";
  for (const Added& a : o.added) {
    if (!quiet) {
      std::string line = a.where + ": " + verb;
      if (a.alias) {
        line += " alias " + a.name + (a.name == "+" ? " (the catch-all)" : "") + " -> " + joined(a.forwards);
      } else {
        line += " account " + a.name + ": " + count(a.messages, "message", "messages");
        if (a.folders) line += " (" + count(a.folders, "folder", "folders") + ")";
        if (!a.forwards.empty()) line += ", forwarding to " + joined(a.forwards);
      }
      lines.push_back(line);
    }
    for (const std::string& w : a.warnings) lines.push_back(a.where + ": warning: " + a.name + ": " + w);
  }
  if (!quiet)
    for (const Done& d : o.done)
      lines.push_back(d.where + ": already imported " + (d.alias ? "alias " : "account ") + d.name);
  for (const Skipped& s : o.skipped)
    lines.push_back(s.where + ": skipped" + (s.name.empty() ? "" : " '" + s.name + "'") + ": " + s.why);
  return lines;
}

std::string report_summary(const Outcome& o, bool dry_run) {
  std::size_t accounts = 0, aliases = 0;
  for (const Added& a : o.added) (a.alias ? aliases : accounts)++;
  return count(accounts, "account", "accounts") + " and " + count(aliases, "alias", "aliases") +
         (dry_run ? " would be added, " : " added, ") +
         (o.done.empty() ? "" : std::to_string(o.done.size()) + " already imported, ") +
         std::to_string(o.skipped.size()) + " skipped";
}

}  // namespace vmm::import
