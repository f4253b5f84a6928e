#include "deliver/env.h"

#include <cstdio>

#include "domain/virtualdomains.h"
#include "sys/environ.h"
#include "sys/error.h"

namespace vmm::deliver {

namespace {

std::string need(const EnvReader& env, const std::string& name, const char* runner) {
  std::optional<std::string> v = env(name);
  if (!v)
    throw Error(ErrorClass::temporary,
                name + " is not set: vdeliver must be run by " + runner);
  return *v;
}

std::string domain_of(std::string_view address) {
  std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

// qmail-local's UFLINE: "From SENDER DATE" with blanks in the sender made
// '-' and the date as ctime(3) writes it, in UTC.
std::string from_line(const std::string& sender, std::time_t now) {
  std::string who = sender.empty() ? "MAILER-DAEMON" : sender;
  for (char& c : who)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') c = '-';
  return one_line("From " + who + " " + fmt::ctime_utc(now));
}

std::string return_path_line(std::string_view sender) {
  return one_line("Return-Path: <" + std::string(sender) + ">");
}

void read_qmail(const EnvReader& env, const DeliverOptions& opts, DeliveryEnv& out) {
  const char* runner = "qmail-local (from .qmail-default)";
  out.sender = need(env, "SENDER", runner);
  out.domain = need(env, "HOST", runner);
  if (opts.recipient.empty()) out.account = need(env, "EXT", runner);
  out.dtline = one_line(need(env, "DTLINE", runner));
  out.rpline = one_line(need(env, "RPLINE", runner));
  if (opts.from_line) out.ufline = one_line(need(env, "UFLINE", runner));
}

void read_postfix(const EnvReader& env, const DeliverOptions& opts, std::time_t now,
                  DeliveryEnv& out) {
  const char* runner = "Postfix local(8) (from ~/.forward)";
  out.sender = need(env, "SENDER", runner);
  std::string recipient = need(env, "RECIPIENT", runner);
  if (opts.recipient.empty()) out.account = env("EXTENSION").value_or("");
  out.domain = domain_of(env("ORIGINAL_RECIPIENT").value_or(""));
  if (out.domain.empty()) out.domain = env("DOMAIN").value_or("");
  if (out.domain.empty()) out.domain = domain_of(recipient);
  out.dtline = one_line("Delivered-To: " + recipient);
  out.rpline = return_path_line(out.sender);
  out.ufline = from_line(out.sender, now);
  out.now = now;
}

// Any other delivering program: the account from --recipient, the domain
// from --domain or HOST, the sender from SENDER; vdeliver builds the lines.
void read_standalone(const EnvReader& env, const DeliverOptions& opts, std::time_t now,
                     DeliveryEnv& out) {
  out.domain = !opts.domain.empty() ? opts.domain : env("HOST").value_or("");
  if (out.domain.empty())
    throw Error(ErrorClass::temporary, "no domain: give --domain DOMAIN or set HOST");
  out.sender = env("SENDER").value_or("");
  if (out.sender == "<>") out.sender.clear();
  out.dtline = one_line("Delivered-To: " + domain::lowercase(opts.recipient) + "@" +
                        domain::lowercase(out.domain));
  out.rpline = return_path_line(out.sender);
  out.ufline = from_line(out.sender, now);
  out.now = now;
}

}  // namespace

std::string one_line(std::string_view text) {
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (text.ends_with('\r')) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out)
    if (c == '\n' || c == '\r') c = '_';
  out += '\n';
  return out;
}

EnvReader process_env() {
  return [](const std::string& name) { return sys::get_env(name); };
}

Mta detect_mta(const EnvReader& env, const DeliverOptions& opts) {
  if (!opts.domain.empty()) return Mta::standalone;
  if (env("DTLINE")) return Mta::qmail;
  if (env("RECIPIENT")) return Mta::postfix;
  return Mta::standalone;
}

DeliveryEnv read_delivery_env(const EnvReader& env, const DeliverOptions& opts, std::time_t now) {
  DeliveryEnv out;
  out.mta = detect_mta(env, opts);
  if (out.mta == Mta::standalone && opts.recipient.empty())
    throw Error(ErrorClass::temporary,
                "no account to deliver to: neither DTLINE (qmail-local) nor RECIPIENT (Postfix "
                "local) is set, and no --recipient NAME was given");
  out.home = need(env, "HOME", "the mail system, as the base user");
  if (out.home.empty()) throw Error(ErrorClass::temporary, "HOME is empty");
  switch (out.mta) {
    case Mta::qmail: read_qmail(env, opts, out); break;
    case Mta::postfix: read_postfix(env, opts, now, out); break;
    case Mta::standalone: read_standalone(env, opts, now, out); break;
  }
  out.account = domain::lowercase(opts.recipient.empty() ? out.account : opts.recipient);
  return out;
}

fmt::HeaderPlan header_plan(const DeliveryEnv& env, const DeliverOptions& opts) {
  fmt::HeaderPlan plan;
  if (opts.from_line) plan.added += env.ufline;
  if (opts.return_path) plan.added += env.rpline;
  if (opts.delivered_to) plan.added += env.dtline;
  plan.loop_line = env.dtline.substr(0, env.dtline.size() - 1);
  // Standalone: the program running us may have put its own Return-Path and
  // Delivered-To lines in front (OpenSMTPD does); ours replace them.
  plan.block = env.mta == Mta::postfix      ? fmt::HeaderPlan::Block::local8
               : env.mta == Mta::standalone ? fmt::HeaderPlan::Block::mta
                                            : fmt::HeaderPlan::Block::none;
  if (plan.block != fmt::HeaderPlan::Block::none) {
    plan.added_for_sender = [opts, dtline = env.dtline, now = env.now](std::string_view sender) {
      std::string added;
      if (opts.from_line) added += from_line(std::string(sender), now);
      if (opts.return_path) added += return_path_line(sender);
      if (opts.delivered_to) added += dtline;
      return added;
    };
  }
  return plan;
}

}  // namespace vmm::deliver
