// vdeliver: delivers one message to an account of the base user's virtual
// domain, from ~base/.qmail-default (qmail), ~base/.forward (Postfix), or
// any other delivering program with --recipient (Exim, OpenSMTPD, maildrop,
// fetchmail).
#include <ctime>

#include "cli/mta_exit.h"
#include "cli/program.h"
#include "deliver/delivery.h"

using namespace vmm::cli;
using namespace vmm::deliver;

namespace {

const ProgramInfo kInfo{"vdeliver", "[OPTION]...",
                        "deliver a message from stdin to a virtual domain's account"};

std::vector<Option> deliver_options(DeliverOptions& o) {
  auto flag = [](bool& field, bool value) { return [&field, value](std::string_view) { field = value; }; };
  auto text = [](std::string& field) { return [&field](std::string_view v) { field = std::string(v); }; };
  return {
      {'D', nullptr, nullptr, "add a Delivered-To line (default)", flag(o.delivered_to, true)},
      {'d', nullptr, nullptr, "do not add a Delivered-To line", flag(o.delivered_to, false)},
      {'R', nullptr, nullptr, "add a Return-Path line (default)", flag(o.return_path, true)},
      {'r', nullptr, nullptr, "do not add a Return-Path line", flag(o.return_path, false)},
      {'F', nullptr, nullptr, "add an mbox From line", flag(o.from_line, true)},
      {'f', nullptr, nullptr, "do not add an mbox From line (default)", flag(o.from_line, false)},
      {0, "no-predeliver", nullptr, "do not run vdeliver-predeliver hooks", flag(o.predeliver, false)},
      {0, "no-postdeliver", nullptr, "do not run vdeliver-postdeliver hooks", flag(o.postdeliver, false)},
      {0, "quiet", nullptr, "print no status messages, only errors", flag(o.quiet, true)},
      {0, "recipient", "NAME", "deliver to account NAME, not the one named by the environment",
       text(o.recipient)},
      {0, "domain", "DOMAIN", "the account's domain (standalone delivery; else $HOST)", text(o.domain)},
      {0, "sysexits", nullptr, "standalone: exit with <sysexits.h> codes (67, 69, 73, 75)",
       flag(o.sysexits, true)},
  };
}

}  // namespace

int main(int argc, char** argv) {
  const EnvReader env = process_env();
  // The exit codes depend on --domain and --sysexits: a first parse learns
  // them; its errors are reported by the real one, with those codes.
  DeliverOptions early;
  try {
    parse_options(kInfo, deliver_options(early), std::vector<std::string>(argv + 1, argv + argc));
  } catch (const vmm::Error&) {
  }
  const Mta mta = detect_mta(env, early);
  DeliverOptions opts;
  const std::vector<Option> options = deliver_options(opts);
  return run_main(kInfo, deliver_exit_codes(mta, early.sysexits), [&]() -> int {
    std::vector<std::string> operands;
    if (!parse_or_answer(kInfo, options, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0);
    std::time_t now = std::time(nullptr);
    const DeliveryReport report = deliver_message(opts, read_delivery_env(env, opts, now), 0, now);
    if (!opts.quiet) {
      for (const std::string& note : report.notes) say(kInfo.name, note);
      for (const std::string& w : report.warnings) warn(kInfo.name, w);
    }
    switch (report.outcome) {
      case DeliveryReport::Outcome::delivered: return 0;
      case DeliveryReport::Outcome::stopped: return stop_exit_code(mta);
      case DeliveryReport::Outcome::hook_status:
        say(kInfo.name, "vdeliver-predeliver exited with status " +
                            std::to_string(report.hook_status) + "; message not delivered");
        return report.hook_status;
    }
    return 0;
  });
}
