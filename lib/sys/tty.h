// Reading a line from standard input or, with echo off, from a terminal
// (SPEC §4: interactive tools prompt twice without echo on a terminal and
// otherwise read one line). Buffers that held a line are wiped by callers;
// these functions reserve the whole bound up front so no partial copy of a
// secret is left behind in freed memory by a reallocation.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "sys/fd.h"

namespace vmm::sys {

bool is_terminal(int fd);

// The terminal at path (/dev/tty) opened read-write, never becoming the
// controlling terminal; an invalid Fd when it cannot be opened.
Fd open_terminal(const std::string& path);

// Reads one line from fd a byte at a time, so nothing after the newline is
// consumed. line gets the bytes before the newline (or before EOF).
// Returns false at EOF before any byte. More than max_bytes before the
// newline: Error(permanent, "WHAT is longer than N bytes"). Read errors
// throw errno_error("read WHAT").
bool read_line(int fd, std::string& line, std::size_t max_bytes, const std::string& what);

// On terminal fd: writes prompt, reads one line with echo off, then writes
// the newline the terminal did not echo. The terminal settings are restored
// whatever happens; type-ahead from before the prompt is discarded (it was
// echoed). SIGINT, SIGTERM, SIGHUP and SIGQUIT during the entry restore the
// terminal and throw Error(permanent, "password entry interrupted").
// Returns false at EOF before any byte. fd not a terminal: errno_error.
bool read_hidden_line(int fd, std::string_view prompt, std::string& line, std::size_t max_bytes);

}  // namespace vmm::sys
