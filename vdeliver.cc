// vdeliver: delivers one message to an account of the base user's virtual
// domain, from ~base/.qmail-default (qmail) or ~base/.forward (Postfix).
#include <ctime>

#include "cli/mta_exit.h"
#include "cli/program.h"
#include "deliver/delivery.h"

using namespace vmm::cli;
using namespace vmm::deliver;

int main(int argc, char** argv) {
  const ProgramInfo info{"vdeliver", "[OPTION]...",
                         "deliver a message from stdin to a virtual domain's account"};
  DeliverOptions opts;
  auto flag = [](bool& field, bool value) { return [&field, value](std::string_view) { field = value; }; };
  const std::vector<Option> options = {
      {'D', nullptr, nullptr, "add a Delivered-To line (default)", flag(opts.delivered_to, true)},
      {'d', nullptr, nullptr, "do not add a Delivered-To line", flag(opts.delivered_to, false)},
      {'R', nullptr, nullptr, "add a Return-Path line (default)", flag(opts.return_path, true)},
      {'r', nullptr, nullptr, "do not add a Return-Path line", flag(opts.return_path, false)},
      {'F', nullptr, nullptr, "add an mbox From line", flag(opts.from_line, true)},
      {'f', nullptr, nullptr, "do not add an mbox From line (default)", flag(opts.from_line, false)},
      {0, "no-predeliver", nullptr, "do not run vdeliver-predeliver hooks", flag(opts.predeliver, false)},
      {0, "no-postdeliver", nullptr, "do not run vdeliver-postdeliver hooks", flag(opts.postdeliver, false)},
      {0, "quiet", nullptr, "print no status messages, only errors", flag(opts.quiet, true)},
      {0, "recipient", "NAME", "deliver to account NAME, not the one named by the environment",
       [&](std::string_view v) { opts.recipient = std::string(v); }},
  };
  const EnvReader env = process_env();
  const Mta mta = detect_mta(env).value_or(Mta::qmail);
  return run_main(info, deliver_exit_codes(mta), [&]() -> int {
    std::vector<std::string> operands;
    if (!parse_or_answer(info, options, argc, argv, operands)) return 0;
    check_operands(operands, 0, 0);
    std::time_t now = std::time(nullptr);
    const DeliveryReport report = deliver_message(opts, read_delivery_env(env, opts, now), 0, now);
    if (!opts.quiet) {
      for (const std::string& note : report.notes) say(info.name, note);
      for (const std::string& w : report.warnings) warn(info.name, w);
    }
    switch (report.outcome) {
      case DeliveryReport::Outcome::delivered: return 0;
      case DeliveryReport::Outcome::stopped: return stop_exit_code(mta);
      case DeliveryReport::Outcome::hook_status:
        say(info.name, "vdeliver-predeliver exited with status " +
                           std::to_string(report.hook_status) + "; message not delivered");
        return report.hook_status;
    }
    return 0;
  });
}
