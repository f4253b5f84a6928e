// Telling qmail-send to reread control/virtualdomains after vadddomain or
// vdeldomain changed it (SPEC §20). qmail-send reads it at start and on
// SIGHUP; qmail-smtpd reads control/rcpthosts at every connection and
// needs nothing.
#pragma once
#include <string>

#include "admin/host_system.h"
#include "domain/config.h"

namespace vmm::admin {

struct Reload {
  enum class How {
    svc,         // "svc -h DIR": qmail-send runs under supervise in DIR
    signal,      // SIGHUP sent to qmail-send's pid(s)
    not_running  // neither: what to run is in detail
  } how = How::not_running;
  std::string detail;  // "svc -h DIR", "pid 123", or the advice
};

// 1. the first directory of the setting qmail-send-services with a running
//    supervise (HostSystem::supervised) for which "svc -h DIR" exits 0;
// 2. else a SIGHUP to every qmail-send process working in
//    <qmail-root>/queue (qmail-send always works there: several qmail
//    installations are told apart by it);
// 3. else nothing, and detail says what the administrator should run.
// Failures to run svc or to send the signal fall through to the next way.
Reload reload_qmail_send(HostSystem& host, const domain::Config& global);

}  // namespace vmm::admin
