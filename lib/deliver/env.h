// What vdeliver learns from the mail system that runs it (SPEC §7):
// qmail-local (USER HOME EXT HOST SENDER DTLINE RPLINE UFLINE, see
// qmail-command(8)) or Postfix local(8) running ~base/.forward (HOME
// EXTENSION DOMAIN SENDER RECIPIENT ORIGINAL_RECIPIENT, see local(8)).
#pragma once
#include <ctime>
#include <functional>
#include <optional>
#include <string>

#include "fmt/mail_header.h"

namespace vmm::deliver {

// The mail system that runs vdeliver: it decides the environment read and
// the exit codes (cli/mta_exit.h). standalone: any other program (Exim's
// pipe transport, OpenSMTPD's mda, maildrop, fetchmail --mda, a person)
// naming the account with --recipient.
enum class Mta { qmail, postfix, standalone };

struct DeliverOptions {
  bool delivered_to = true;   // -D / -d
  bool return_path = true;    // -R / -r
  bool from_line = false;     // -F / -f
  bool predeliver = true;     // --no-predeliver
  bool postdeliver = true;    // --no-postdeliver
  bool quiet = false;         // --quiet
  std::string recipient;      // --recipient NAME; empty = from the environment
  std::string domain;         // --domain DOMAIN: standalone, with this domain
  bool sysexits = false;      // --sysexits: standalone exit codes from <sysexits.h>
};

struct DeliveryEnv {
  Mta mta = Mta::qmail;
  std::string home;     // the base user's home: the domain
  std::string account;  // lowercased: --recipient, else EXT / EXTENSION
  std::string sender;   // envelope sender, "" for a bounce
  std::string domain;   // completes a forward "name" to name@domain
  // Each one line ending in '\n', with no other line break in it.
  std::string dtline, rpline, ufline;
  std::time_t now = 0;  // the date of a From line vdeliver builds (Postfix)
};

// Reads one environment variable; nullopt when it is not set.
using EnvReader = std::function<std::optional<std::string>(const std::string& name)>;
EnvReader process_env();  // the real environment (sys::get_env)

// --domain given: standalone, whatever the environment says (Exim sets
// RECIPIENT too); else DTLINE set: qmail-local; else RECIPIENT set: Postfix;
// else standalone.
Mta detect_mta(const EnvReader& env, const DeliverOptions& opts);

// Everything delivery needs, or Error(temporary, "... is not set ...") for a
// missing variable: a broken setup must not bounce mail. Standalone: the
// account is --recipient (required), the domain --domain or $HOST, the
// sender $SENDER (unset or empty: the null sender); Delivered-To is
// "NAME@DOMAIN", Return-Path and the From line are built from the sender. Under qmail the
// lines are qmail-local's own; under Postfix they are built like qmail-local
// builds them, DTLINE from RECIPIENT (the line local(8) itself prepends), and
// forwards are completed with the domain of ORIGINAL_RECIPIENT (the virtual
// domain, before virtual_alias_maps rewrote it), else DOMAIN.
DeliveryEnv read_delivery_env(const EnvReader& env, const DeliverOptions& opts, std::time_t now);

// The lines the stored copy starts with, and the loop check (SPEC §7 step 2).
// Under Postfix the Return-Path and From lines are rebuilt with the sender of
// local(8)'s own Return-Path line when the message has one (its $SENDER has
// ' and 8-bit bytes replaced by '_').
fmt::HeaderPlan header_plan(const DeliveryEnv& env, const DeliverOptions& opts);

// One header line: a trailing "\n" (or "\r\n") removed, any other CR or LF
// turned into '_', then one "\n" added.
std::string one_line(std::string_view text);

}  // namespace vmm::deliver
