#include "store/maildir_stat.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <memory>
#include <string_view>

#include "sys/error.h"

namespace vmm::store {
namespace {

using Dir = std::unique_ptr<DIR, int (*)(DIR*)>;

// The Maildir info "2,FLAGS" after the last ':' holds the flag S.
bool seen(std::string_view name) {
  std::size_t colon = name.rfind(':');
  if (colon == std::string_view::npos) return false;
  std::string_view info = name.substr(colon + 1);
  return info.starts_with("2,") && info.substr(2).find('S') != std::string_view::npos;
}

template <typename Tally>
void count_dir(const std::string& path, Tally tally) {
  Dir d(::opendir(path.c_str()), ::closedir);
  if (!d) throw_errno("open directory " + path);
  const int dfd = ::dirfd(d.get());
  errno = 0;
  while (struct dirent* e = ::readdir(d.get())) {
    std::string_view name = e->d_name;
    if (name.starts_with('.')) continue;
    struct stat st;
    if (::fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) {
        errno = 0;
        continue;  // read, moved or expunged meanwhile
      }
      throw_errno("look at " + path + "/" + std::string(name));
    }
    if (S_ISREG(st.st_mode)) tally(name, static_cast<std::uint64_t>(st.st_size));
    errno = 0;
  }
  if (errno != 0) throw_errno("read directory " + path);
}

void add(MessageCount& c, std::uint64_t size) {
  ++c.messages;
  c.bytes += size;
}

}  // namespace

MaildirStats maildir_stats(const std::string& maildir) {
  MaildirStats s;
  count_dir(maildir + "/new", [&](std::string_view, std::uint64_t size) { add(s.fresh, size); });
  count_dir(maildir + "/cur", [&](std::string_view name, std::uint64_t size) {
    add(seen(name) ? s.seen : s.unseen, size);
  });
  return s;
}

}  // namespace vmm::store
