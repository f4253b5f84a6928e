// Random bytes from the kernel (getrandom), for Maildir names and anything
// else that must not repeat across processes: never random() (SPEC §12).
#pragma once
#include <cstddef>
#include <cstdint>

namespace vmm::sys {

// Fills buf with n random bytes, retrying on EINTR and short reads. Falls
// back to /dev/urandom only when the getrandom system call is missing
// (ENOSYS, old kernels and some sandboxes). Failures throw errno_error.
void random_fill(void* buf, std::size_t n);

std::uint64_t random_u64();

}  // namespace vmm::sys
