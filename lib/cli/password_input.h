// Where a tool gets a new password from (SPEC §4, §8): on a terminal it asks
// twice without echo, otherwise it reads one line from standard input.
// The caller owns the returned secret and wipes it (domain::wipe).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace vmm::cli {

inline constexpr std::size_t kMaxPasswordBytes = 1024;

struct PasswordSource {
  int in = 0;                         // standard input
  std::string terminal = "/dev/tty";  // opened for the prompts when `in` is a terminal
};

// When src.in is a terminal: prompts "New password for 'NAME': " and "Retype
// new password for 'NAME': " on src.terminal (or on src.in itself when that
// cannot be opened), echo off; the two must match, else Error(permanent,
// "the passwords do not match"). Otherwise one line of src.in.
// Either way the line end and trailing blanks are stripped (as VMailMgr
// did); nothing left is Error(permanent, "no password given").
std::string read_new_password(std::string_view account, const PasswordSource& src = {});

// Drops trailing CR, LF, spaces and tabs in place (the removed bytes stay in
// the buffer's capacity, which wipe() clears).
void strip_line_end(std::string& line);

}  // namespace vmm::cli
