#include "admin/control_files.h"

#include <chrono>

#include "sys/dir.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::admin {

namespace {
constexpr std::size_t kControlMax = 16 << 20;
}

std::string control_dir(const domain::Config& global) {
  const std::string dir = global.dir("qmail-root") + "control";
  if (!sys::is_directory(dir))
    throw Error(ErrorClass::permanent,
                dir + " is not a directory: is the qmail-root setting right?");
  return dir;
}

store::TableLock lock_control_files(const std::string& control) {
  return store::TableLock(control + "/virtualdomains.lock", std::chrono::seconds(60));
}

std::string control_text(const std::string& path) {
  std::string text;
  sys::read_file_if_exists(path, kControlMax, text);
  return text;
}

void require_root(const HostSystem& host, const std::string& what) {
  if (host.uid() != 0)
    throw Error(ErrorClass::permanent,
                what + " needs root: it changes qmail's control files and the user database");
}

}  // namespace vmm::admin
