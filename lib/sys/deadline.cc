#include "sys/deadline.h"

#include <signal.h>
#include <unistd.h>

#include "sys/error.h"

namespace vmm::sys {

void end_process_after(std::chrono::seconds after) {
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  if (::sigaction(SIGALRM, &action, nullptr) != 0) throw_errno("reset SIGALRM");
  sigset_t alarm_only;
  sigemptyset(&alarm_only);
  sigaddset(&alarm_only, SIGALRM);
  if (::sigprocmask(SIG_UNBLOCK, &alarm_only, nullptr) != 0) throw_errno("unblock SIGALRM");
  ::alarm(static_cast<unsigned>(after.count()));
}

}  // namespace vmm::sys
