#include "deliver/delivery.h"

#include <optional>

#include "deliver/account.h"
#include "deliver/autoreply.h"
#include "deliver/forward.h"
#include "deliver/limits.h"
#include "deliver/refusal.h"
#include "domain/hooks.h"
#include "store/maildir_deliver.h"
#include "store/message_copy.h"
#include "store/scratch_file.h"
#include "sys/error.h"

namespace vmm::deliver {

namespace {

// The stored copy: a tmp/ file of the Maildir, or for an alias a scratch
// file in the base home that only the forwards read.
struct StoredCopy {
  std::optional<store::MaildirMessage> mailbox;
  std::optional<store::ScratchFile> scratch;
  int fd() const { return mailbox ? mailbox->fd() : scratch->fd(); }
};

bool store_message(const Recipient& r, const DeliveryEnv& env, fmt::HeaderFilter& filter,
                   int message_fd, store::MaildirNames& names, StoredCopy& copy) {
  if (!r.maildir.empty()) copy.mailbox.emplace(r.maildir, names);
  else copy.scratch.emplace(env.home);
  store::copy_message(message_fd, filter, [&](std::string_view bytes) {
    if (copy.mailbox) copy.mailbox->write(bytes);
    else copy.scratch->write(bytes);
  });
  if (copy.mailbox) copy.mailbox->sync();
  return filter.looping();
}

// A hook that cannot even be run is the administrator's problem: temporary.
int run_hook(const domain::Config& config, const char* name) {
  try {
    return domain::run_hooks(config, name);
  } catch (const Error& e) {
    throw Error(ErrorClass::temporary, std::string(name) + ": " + e.what(), e.err());
  }
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// The autoresponse, once the message is safe: whatever goes wrong is
// reported, and the delivery stays a success (a retry would store it twice).
void answer(const domain::Domain& domain, const Recipient& r, const DeliveryEnv& env,
            const std::string& sender, int fd, std::uint64_t offset, std::time_t now,
            DeliveryReport& report) {
  AutoreplyRequest request{domain.absolute(r.record.directory), sender,
                           (env.account.empty() ? r.name : env.account) + "@" + env.domain, fd,
                           offset, now};
  try {
    AutoreplyResult result = autoreply(domain.config(), request);
    if (result.outcome != AutoreplyResult::Outcome::none) report.notes.push_back(result.text);
  } catch (const std::exception& e) {
    report.warnings.push_back(std::string("autoresponse not sent: ") + e.what());
  }
}

DeliveryReport deliver_unchecked(const DeliverOptions& opts, const DeliveryEnv& env,
                                 int message_fd, std::time_t now) {
  domain::Domain domain(env.home, domain::Config::global());
  const domain::Config& config = domain.config();
  Recipient r = find_recipient(domain, env.account, now);
  fmt::HeaderFilter filter(header_plan(env, opts));
  store::MaildirNames names;
  StoredCopy copy;
  if (store_message(r, env, filter, message_fd, names, copy))
    throw DeliveryRefused(Refusal::loop, "message is looping: it already has the line '" +
                                              env.dtline.substr(0, env.dtline.size() - 1) + "'");
  DeliveryReport report;
  if (opts.predeliver) {
    int status = run_hook(config, "vdeliver-predeliver");
    if (status == 99) report.outcome = DeliveryReport::Outcome::stopped;
    else if (status != 0) report.outcome = DeliveryReport::Outcome::hook_status;
    report.hook_status = status;
    if (status != 0) return report;
  }
  std::uint64_t size = copy.mailbox ? copy.mailbox->size() : copy.scratch->size();
  if (copy.mailbox) check_mailbox_limits(r, size, now);

  // Under Postfix, local(8)'s Return-Path line has the sender as it is.
  const std::string& sender = filter.block_sender() ? *filter.block_sender() : env.sender;
  if (!r.record.forwards.empty()) {
    std::vector<std::string> addresses;
    std::optional<std::string> me;
    for (const std::string& f : r.record.forwards) {
      if (f.ends_with('@') && !me) me = qmail_me(config);
      addresses.push_back(complete_forward(f, env.domain, me.value_or("")));
    }
    ForwardRoute route = forward_route(config, sender, addresses);
    send_forward(route, sender, addresses, env.dtline, copy.fd(), filter.added_size());
    report.notes.push_back("forwarded to " + join(addresses));
  }
  if (copy.mailbox) {
    std::string path = copy.mailbox->deliver(names);
    report.notes.push_back("delivered to " + path);
    try {
      count_delivery(r, size, now);
    } catch (const Error& e) {
      report.warnings.push_back(std::string("unable to update maildirsize: ") + e.what());
    }
  }
  answer(domain, r, env, sender, copy.fd(), filter.added_size(), now, report);
  if (opts.postdeliver) {
    try {
      int status = domain::run_hooks(config, "vdeliver-postdeliver");
      if (status != 0)
        report.warnings.push_back("vdeliver-postdeliver exited with status " +
                                  std::to_string(status) + "; the message was delivered");
    } catch (const Error& e) {
      report.warnings.push_back(std::string("vdeliver-postdeliver: ") + e.what() +
                                "; the message was delivered");
    }
  }
  return report;
}

}  // namespace

DeliveryReport deliver_message(const DeliverOptions& opts, const DeliveryEnv& env, int message_fd,
                       std::time_t now) {
  try {
    return deliver_unchecked(opts, env, message_fd, now);
  } catch (const DeliveryRefused&) {
    throw;
  } catch (const Error& e) {
    // Disk full, EIO, a missing directory, a broken setting: the mail waits.
    if (e.cls() == ErrorClass::temporary) throw;
    throw Error(ErrorClass::temporary, e.what(), e.err());
  }
}

}  // namespace vmm::deliver
