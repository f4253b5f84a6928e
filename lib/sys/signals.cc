#include "sys/signals.h"

#include <signal.h>

#include <string>

#include "sys/error.h"

namespace vmm::sys {
namespace {

void set_disposition(int sig, void (*handler)(int)) {
  struct sigaction sa = {};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  if (::sigaction(sig, &sa, nullptr) != 0) throw_errno("set the handling of signal " + std::to_string(sig));
}

}  // namespace

void ignore_signal(int sig) { set_disposition(sig, SIG_IGN); }
void default_signal(int sig) { set_disposition(sig, SIG_DFL); }

}  // namespace vmm::sys
