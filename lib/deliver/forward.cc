#include "deliver/forward.h"

#include "deliver/refusal.h"
#include "domain/config_value.h"
#include "store/message_copy.h"
#include "sys/error.h"
#include "sys/exec.h"
#include "sys/fd.h"
#include "sys/fed_child.h"
#include "sys/hostname.h"

namespace vmm::deliver {

namespace {

bool is_permanent_sendmail_status(int status) {
  switch (status) {
    case 65: case 67: case 68: case 69: case 76: case 77: return true;  // sysexits.h
    default: return false;
  }
}

std::vector<std::string> split_blanks(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

}  // namespace

std::string complete_forward(const std::string& forward, const std::string& domain,
                             const std::string& me) {
  std::string address = forward;
  std::size_t at = forward.find('@');
  if (at == std::string::npos) address = forward + "@" + domain;
  else if (at + 1 == forward.size()) address = forward + me;
  bool bad = forward.empty() || forward.front() == '@';
  for (unsigned char c : address)
    if (c < 0x20 || c == 0x7f) bad = true;
  if (bad) throw DeliveryRefused(Refusal::other, "invalid forward '" + forward + "'");
  return address;
}

std::string qmail_me(const domain::Config& config) {
  std::string text;
  if (sys::read_file_if_exists(config.dir("qmail-root") + "control/me", 4096, text)) {
    std::string me = domain::first_line(text);
    if (!me.empty()) return me;
  }
  // A Postfix host has no control/me: the fully-qualified name, as Postfix's
  // own $myhostname, never a bare "box" that would not route.
  return sys::fully_qualified_hostname();
}

std::string qmail_envelope(const std::string& sender, const std::vector<std::string>& addresses) {
  std::string env = "F" + sender + '\0';
  for (const std::string& a : addresses) env += "T" + a + '\0';
  env += '\0';
  return env;
}

ForwardRoute forward_route(const domain::Config& config, const std::string& sender,
                           const std::vector<std::string>& addresses) {
  ForwardRoute route;
  std::string queue = config.dir("qmail-root") + "bin/qmail-queue";
  if (sys::probe_program(queue) != sys::ProgramFile::missing) {
    route.argv = {queue};
    route.qmail_queue = true;
    return route;
  }
  route.argv = split_blanks(config.str("sendmail"));
  if (route.argv.empty()) throw Error(ErrorClass::temporary, "the sendmail setting is empty");
  for (const char* a : {"-oi", "-f"}) route.argv.push_back(a);
  route.argv.push_back(sender.empty() ? "<>" : sender);
  route.argv.push_back("--");
  route.argv.insert(route.argv.end(), addresses.begin(), addresses.end());
  return route;
}

void check_forward_status(const ForwardRoute& route, int status) {
  if (status == 0) return;
  const std::string& prog = route.argv.front();
  std::string what = prog + " exited with status " + std::to_string(status);
  bool permanent = route.qmail_queue ? status >= 11 && status <= 40
                                     : is_permanent_sendmail_status(status);
  if (permanent) throw DeliveryRefused(Refusal::other, "forwarding refused: " + what);
  throw Error(ErrorClass::temporary, "unable to forward: " + what);
}

void send_forward(const ForwardRoute& route, const std::string& sender,
                  const std::vector<std::string>& addresses, const std::string& dtline, int fd,
                  std::uint64_t offset) {
  const std::string& prog = route.argv.front();
  sys::FedChild child(route.argv, route.qmail_queue);
  try {
    sys::write_all(child.input(), dtline, "the message to " + prog);
    store::copy_from_offset(fd, offset, child.input(), "the stored message",
                            "the message to " + prog);
    child.close_input();
    if (route.qmail_queue)
      sys::write_all(child.fd1(), qmail_envelope(sender, addresses), "the envelope to " + prog);
  } catch (const Error& e) {
    // A program that quit early says why in its exit status; that is the
    // error to report, not our EPIPE.
    int status = child.wait();
    check_forward_status(route, status);
    throw Error(ErrorClass::temporary, e.what(), e.err());
  }
  check_forward_status(route, child.wait());
}

}  // namespace vmm::deliver
