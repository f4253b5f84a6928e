#include "sys/error.h"

#include <doctest/doctest.h>

#include <cerrno>

using vmm::Error;
using vmm::ErrorClass;
using vmm::errno_class;
using vmm::errno_error;

TEST_CASE("error: errno decides temporary or permanent in one place") {
  for (int e : {ENOSPC, EIO, EAGAIN, EINTR, ENOMEM, EMFILE, ENFILE, ETXTBSY, EBUSY, ETIMEDOUT,
                EDQUOT, ENOBUFS, ENOLCK, EDEADLK, ESTALE}) {
    CAPTURE(e);
    CHECK(errno_class(e) == ErrorClass::temporary);
  }
  for (int e : {ENOENT, EACCES, EPERM, ENOTDIR, EISDIR, ELOOP, EEXIST, EINVAL, EROFS, 0}) {
    CAPTURE(e);
    CHECK(errno_class(e) == ErrorClass::permanent);
  }
}

TEST_CASE("error: errno_error names the action and keeps the errno") {
  Error e = errno_error("open /home/d/passwd.cdb", ENOENT);
  CHECK(std::string(e.what()) == "unable to open /home/d/passwd.cdb: No such file or directory");
  CHECK(e.cls() == ErrorClass::permanent);
  CHECK(e.err() == ENOENT);
  Error f = errno_error("write /x", ENOSPC);
  CHECK(f.cls() == ErrorClass::temporary);
  CHECK(std::string(f.what()) == "unable to write /x: No space left on device");
}

TEST_CASE("error: throw_errno uses the current errno") {
  errno = EIO;
  try {
    vmm::throw_errno("read table");
    FAIL("throw_errno returned");
  } catch (const Error& e) {
    CHECK(e.cls() == ErrorClass::temporary);
    CHECK(e.err() == EIO);
    CHECK(std::string(e.what()) == "unable to read table: Input/output error");
  }
  Error plain(ErrorClass::usage, "missing NAME");
  CHECK(plain.err() == 0);
  CHECK(plain.cls() == ErrorClass::usage);
}
