#include "admin/qmail_reload.h"

#include <doctest/doctest.h>

#include "../testing/files.h"
#include "../testing/temp_dir.h"
#include "host_system_fake.h"

using namespace vmm;
using namespace vmm::admin;
using namespace vmm::host_testing;
using Log = std::vector<std::string>;

namespace {

struct Setup {
  testing::TempDir d;
  FakeHostSystem host;
  Setup() {
    testing::write_file(d / "etc/qmail-root", d / "qmail\n");
    testing::write_file(d / "etc/qmail-send-services", "/service/qmail-send\n/etc/sv/qmail\n");
  }
  Reload reload() { return reload_qmail_send(host, domain::Config(d / "etc", "")); }
};

}  // namespace

TEST_CASE("reload: svc -h for the first supervised service that answers") {
  Setup s;
  s.host.supervised_dirs = {"/etc/sv/qmail"};
  s.host.qmail_sends = {77};
  Reload r = s.reload();
  CHECK(r.how == Reload::How::svc);
  CHECK(r.detail == "svc -h /etc/sv/qmail");
  CHECK(s.host.log == Log{"run svc -h /etc/sv/qmail"});
}

TEST_CASE("reload: a SIGHUP to each qmail-send in <qmail-root>/queue otherwise") {
  Setup s;
  s.host.supervised_dirs = {"/service/qmail-send"};
  s.host.svc_status["/service/qmail-send"] = 111;  // supervise not running
  s.host.qmail_sends = {77, 78};
  Reload r = s.reload();
  CHECK(r.how == Reload::How::signal);
  CHECK(r.detail == "pid 77, 78");
  CHECK(s.host.queue_asked == s.d / "qmail/queue");
  CHECK(s.host.log == Log{"run svc -h /service/qmail-send", "hangup 77", "hangup 78"});

  Setup t;
  t.host.supervised_dirs = {"/service/qmail-send"};
  t.host.svc_missing = true;  // no svc installed
  t.host.qmail_sends = {5};
  CHECK(t.reload().how == Reload::How::signal);
}

TEST_CASE("reload: nothing to tell, the command to run") {
  Setup s;
  Reload r = s.reload();
  CHECK(r.how == Reload::How::not_running);
  CHECK(r.detail == "svc -h /service/qmail-send (or kill -HUP the pid of qmail-send, or restart qmail)");
  CHECK(s.host.log.empty());
}
