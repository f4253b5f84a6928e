#include "domain/control_files.h"

#include <memory>
#include <vector>

#include "store/text_index.h"

namespace vmm::domain {
namespace {

// Names the index's record layout (virtualdomains.cc): a new layout, or a
// change to what parse() keeps, takes a new number, so no reader ever uses
// an index made by other rules.
constexpr const char* kIndexFormat = "vmailmgr control index 1";

std::string control_path(const std::string& qmail_root, const char* file) {
  std::string path = qmail_root;
  if (!path.empty() && path.back() != '/') path += '/';
  return path + "control/" + file;
}

}  // namespace

ControlPaths control_paths(const Config& global) {
  return ControlPaths{global.dir("qmail-root"), global.dir("control-index")};
}

ControlFiles read_control(const ControlPaths& paths, std::time_t now) {
  const store::TextIndex index(
      paths.index_dir, "control", kIndexFormat,
      {control_path(paths.qmail_root, "virtualdomains"), control_path(paths.qmail_root, "locals")},
      kMaxControlFile);
  if (std::shared_ptr<const store::IndexFile> fresh = index.open_fresh())
    return ControlFiles{VirtualDomains::indexed(fresh), Locals::indexed(fresh)};

  const std::vector<store::SourceText> texts = index.read_sources();
  ControlFiles files{VirtualDomains::parse(texts[0].text), Locals::parse(texts[1].text)};
  index.store(texts, now, [&](fmt::CdbWriter& out) {
    files.virtualdomains.write_index(out);
    files.locals.write_index(out);
  });
  return files;
}

}  // namespace vmm::domain
