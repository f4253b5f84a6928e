#include "deliver/limits.h"

#include "deliver/refusal.h"
#include "store/maildir_quota.h"

namespace vmm::deliver {

namespace {

fmt::QuotaLimits quota_limits(const fmt::Record& r) { return {r.hard_quota, r.msg_count}; }

}  // namespace

void check_mailbox_limits(const Recipient& r, std::uint64_t size, std::time_t now) {
  const fmt::Record& rec = r.record;
  if (rec.msg_size && size > *rec.msg_size)
    throw DeliveryRefused(Refusal::mailbox_full,
                          "mailbox full: the message (" + std::to_string(size) +
                              " bytes) is larger than the message size limit of '" + r.name +
                              "' (" + std::to_string(*rec.msg_size) + " bytes)");
  fmt::QuotaLimits limits = quota_limits(rec);
  if (!limits.bytes && !limits.count) return;
  store::MaildirQuota quota(r.maildir, limits, now);
  std::string excess = store::quota_excess(limits, quota.usage(size), size);
  if (!excess.empty())
    throw DeliveryRefused(Refusal::mailbox_full, "mailbox full: '" + r.name + "' has " + excess);
}

void count_delivery(const Recipient& r, std::uint64_t size, std::time_t now) {
  store::MaildirQuota(r.maildir, quota_limits(r.record), now)
      .add(static_cast<std::int64_t>(size), 1);
}

}  // namespace vmm::deliver
