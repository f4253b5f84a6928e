// A small text file replaced whole by an edited copy: qmail's
// control/virtualdomains and control/rcpthosts, which vadddomain and
// vdeldomain change. Readers (qmail-send, qmail-smtpd, checkvpw) see the
// old file or the new one, never a part; nothing of the old file is lost
// when the write fails.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace vmm::store {

// Reads path (nullopt when it does not exist; more than max_bytes is
// Error(permanent)), gives the content to edit, and when edit returns new
// content writes it to a temporary file beside path — with the old file's
// mode, owner and group (a new file: 0644, this process's owner) —, fsyncs
// it, renames it over path and fsyncs the directory. The caller holds the
// lock that keeps other writers out. true when the file was written.
// A path that is a symbolic link or not a regular file is Error(permanent)
// (the rename would put a file in place of the link).
using FileEdit = std::function<std::optional<std::string>(const std::optional<std::string>& old)>;
bool rewrite_file(const std::string& path, std::size_t max_bytes, const FileEdit& edit);

}  // namespace vmm::store
