// What vadddomain and vdeldomain share: qmail's control directory, the one
// lock both hold while they change control/virtualdomains and
// control/rcpthosts, and the check that they run as root.
#pragma once
#include <string>

#include "admin/host_system.h"
#include "domain/config.h"
#include "store/table_lock.h"

namespace vmm::admin {

// <qmail-root>/control; Error(permanent) when it is not a directory.
std::string control_dir(const domain::Config& global);

// An exclusive lock on <control>/virtualdomains.lock (made 0600 when
// missing), waited for at most 60 seconds.
store::TableLock lock_control_files(const std::string& control);

// The whole text of a control file, "" when it does not exist (16 MiB at most).
std::string control_text(const std::string& path);

// Error(permanent, "WHAT needs root: ...") unless host runs as root.
void require_root(const HostSystem& host, const std::string& what);

}  // namespace vmm::admin
