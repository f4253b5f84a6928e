#include "deliver/env.h"

#include <doctest/doctest.h>

#include <map>

#include "sys/error.h"

using namespace vmm;
using namespace vmm::deliver;

namespace {

EnvReader fake(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::map<std::string, std::string> qmail_vars() {
  return {{"USER", "vbase"},
          {"HOME", "/home/vbase"},
          {"EXT", "Joe.Smith"},
          {"HOST", "example.com"},
          {"SENDER", "a@b.example"},
          {"DTLINE", "Delivered-To: vbase-Joe.Smith@example.com\n"},
          {"RPLINE", "Return-Path: <a@b.example>\n"},
          {"UFLINE", "From a@b.example Thu Nov 22 02:48:00 2026\n"},
          {"RECIPIENT", "vbase-Joe.Smith@example.com"}};
}

std::map<std::string, std::string> postfix_vars() {
  return {{"USER", "vbase"},
          {"HOME", "/home/vbase"},
          {"EXTENSION", "Joe"},
          {"DOMAIN", "mx.example"},
          {"LOCAL", "vbase+Joe"},
          {"SENDER", "a@b.example"},
          {"RECIPIENT", "vbase+Joe@mx.example"},
          {"ORIGINAL_RECIPIENT", "Joe@Virtual.example"}};
}

}  // namespace

TEST_CASE("detect_mta: --domain is standalone, else DTLINE qmail-local, else RECIPIENT Postfix") {
  CHECK(detect_mta(fake(qmail_vars()), {}) == Mta::qmail);  // qmail sets RECIPIENT too
  CHECK(detect_mta(fake(postfix_vars()), {}) == Mta::postfix);
  CHECK(detect_mta(fake({{"HOME", "/x"}}), {}) == Mta::standalone);
  DeliverOptions o;
  o.domain = "example.com";  // Exim sets RECIPIENT too: --domain decides
  CHECK(detect_mta(fake(postfix_vars()), o) == Mta::standalone);
  CHECK(detect_mta(fake(qmail_vars()), o) == Mta::standalone);
}

TEST_CASE("read_delivery_env standalone: --recipient, --domain or HOST, SENDER or <>") {
  DeliverOptions o;
  o.recipient = "Joe";
  DeliveryEnv e = read_delivery_env(fake({{"HOME", "/home/vbase"}, {"HOST", "Example.COM"},
                                          {"SENDER", "a@b.example"}}), o, 0);
  CHECK(e.mta == Mta::standalone);
  CHECK(e.home == "/home/vbase");
  CHECK(e.account == "joe");
  CHECK(e.domain == "Example.COM");
  CHECK(e.sender == "a@b.example");
  CHECK(e.dtline == "Delivered-To: joe@example.com\n");
  CHECK(e.rpline == "Return-Path: <a@b.example>\n");
  CHECK(e.ufline == "From a@b.example Thu Jan  1 00:00:00 1970\n");
  o.domain = "other.example";  // --domain wins over HOST; no SENDER: the null sender
  DeliveryEnv n = read_delivery_env(fake({{"HOME", "/h"}, {"HOST", "example.com"}}), o, 0);
  CHECK(n.domain == "other.example");
  CHECK(n.sender == "");
  CHECK(n.dtline == "Delivered-To: joe@other.example\n");
  CHECK(n.rpline == "Return-Path: <>\n");
  CHECK(read_delivery_env(fake({{"HOME", "/h"}, {"SENDER", "<>"}}), o, 0).sender == "");
  fmt::HeaderPlan p = header_plan(n, DeliverOptions{});
  CHECK(p.block == vmm::fmt::HeaderPlan::Block::mta);
  CHECK(p.added == "Return-Path: <>\nDelivered-To: joe@other.example\n");
  CHECK(p.loop_line == "Delivered-To: joe@other.example");
}

TEST_CASE("read_delivery_env standalone: what is missing is temporary") {
  auto missing = [](const std::map<std::string, std::string>& vars, const DeliverOptions& o) {
    try {
      read_delivery_env(fake(vars), o, 0);
    } catch (const Error& e) {
      return std::string(e.cls() == ErrorClass::temporary ? "" : "(not temporary) ") + e.what();
    }
    return std::string("(no error)");
  };
  CHECK(missing({{"HOME", "/h"}, {"HOST", "x"}}, {}) ==
        "no account to deliver to: neither DTLINE (qmail-local) nor RECIPIENT (Postfix local) is set, "
        "and no --recipient NAME was given");
  DeliverOptions o;
  o.recipient = "joe";
  CHECK(missing({{"HOME", "/h"}}, o) == "no domain: give --domain DOMAIN or set HOST");
  CHECK(missing({{"HOST", "x"}}, o) ==
        "HOME is not set: vdeliver must be run by the mail system, as the base user");
}

TEST_CASE("read_delivery_env: qmail-local's variables, account lowercased") {
  DeliveryEnv e = read_delivery_env(fake(qmail_vars()), DeliverOptions{}, 0);
  CHECK(e.mta == Mta::qmail);
  CHECK(e.home == "/home/vbase");
  CHECK(e.account == "joe.smith");
  CHECK(e.sender == "a@b.example");
  CHECK(e.domain == "example.com");
  CHECK(e.dtline == "Delivered-To: vbase-Joe.Smith@example.com\n");
  CHECK(e.rpline == "Return-Path: <a@b.example>\n");
  CHECK(e.ufline.empty());  // read only with -F
  DeliverOptions f;
  f.from_line = true;
  CHECK(read_delivery_env(fake(qmail_vars()), f, 0).ufline ==
        "From a@b.example Thu Nov 22 02:48:00 2026\n");
}

TEST_CASE("read_delivery_env: --recipient wins over EXT, which may then be missing") {
  auto vars = qmail_vars();
  vars.erase("EXT");
  DeliverOptions o;
  o.recipient = "Sales";
  CHECK(read_delivery_env(fake(vars), o, 0).account == "sales");
  CHECK(read_delivery_env(fake(qmail_vars()), o, 0).account == "sales");
}

TEST_CASE("read_delivery_env: a missing qmail variable is a temporary error naming it") {
  for (const char* name : {"HOME", "SENDER", "HOST", "EXT", "RPLINE"}) {
    auto vars = qmail_vars();
    vars.erase(name);
    try {
      read_delivery_env(fake(vars), DeliverOptions{}, 0);
      FAIL("no exception for " << name);
    } catch (const Error& e) {
      CHECK(e.cls() == ErrorClass::temporary);
      std::string want = std::string(name) + " is not set: vdeliver must be run by ";
      want += std::string(name) == "HOME" ? "the mail system, as the base user"
                                          : "qmail-local (from .qmail-default)";
      CHECK(std::string(e.what()) == want);
    }
  }
  auto vars = qmail_vars();
  vars.erase("UFLINE");
  CHECK_NOTHROW(read_delivery_env(fake(vars), DeliverOptions{}, 0));
  DeliverOptions f;
  f.from_line = true;
  CHECK_THROWS_WITH_AS(read_delivery_env(fake(vars), f, 0),
                       "UFLINE is not set: vdeliver must be run by qmail-local (from .qmail-default)",
                       Error);
  CHECK_THROWS_WITH_AS(read_delivery_env(fake({{"HOME", "/h"}}), DeliverOptions{}, 0),
                       "no account to deliver to: neither DTLINE (qmail-local) nor RECIPIENT "
                       "(Postfix local) is set, and no --recipient NAME was given",
                       Error);
  auto empty_home = qmail_vars();
  empty_home["HOME"] = "";
  CHECK_THROWS_WITH_AS(read_delivery_env(fake(empty_home), DeliverOptions{}, 0), "HOME is empty",
                       Error);
}

TEST_CASE("read_delivery_env: Postfix lines built like qmail-local builds them") {
  std::time_t t = 1795315478;  // Sun Nov 22 02:44:38 2026 UTC
  DeliveryEnv e = read_delivery_env(fake(postfix_vars()), DeliverOptions{}, t);
  CHECK(e.mta == Mta::postfix);
  CHECK(e.account == "joe");
  CHECK(e.domain == "Virtual.example");  // from ORIGINAL_RECIPIENT
  CHECK(e.dtline == "Delivered-To: vbase+Joe@mx.example\n");
  CHECK(e.rpline == "Return-Path: <a@b.example>\n");
  CHECK(e.ufline == "From a@b.example Sun Nov 22 02:44:38 2026\n");
}

TEST_CASE("read_delivery_env: Postfix fallbacks and the null sender") {
  auto vars = postfix_vars();
  vars.erase("ORIGINAL_RECIPIENT");
  vars.erase("EXTENSION");  // mail to the base user itself
  vars["SENDER"] = "";
  DeliveryEnv e = read_delivery_env(fake(vars), DeliverOptions{}, 86400 * 3 + 5);
  CHECK(e.account == "");
  CHECK(e.domain == "mx.example");  // DOMAIN
  CHECK(e.rpline == "Return-Path: <>\n");
  CHECK(e.ufline == "From MAILER-DAEMON Sun Jan  4 00:00:05 1970\n");
  vars.erase("DOMAIN");
  CHECK(read_delivery_env(fake(vars), DeliverOptions{}, 0).domain == "mx.example");  // RECIPIENT's
  auto no_sender = postfix_vars();
  no_sender.erase("SENDER");
  CHECK_THROWS_WITH_AS(read_delivery_env(fake(no_sender), DeliverOptions{}, 0),
                       "SENDER is not set: vdeliver must be run by Postfix local(8) (from ~/.forward)",
                       Error);
}

TEST_CASE("one_line: one newline at the end, no other line break") {
  CHECK(one_line("Delivered-To: a@b") == "Delivered-To: a@b\n");
  CHECK(one_line("Delivered-To: a@b\n") == "Delivered-To: a@b\n");
  CHECK(one_line("Delivered-To: a@b\r\n") == "Delivered-To: a@b\n");
  CHECK(one_line("Return-Path: <a\nBcc: x@y>\n") == "Return-Path: <a_Bcc: x@y>\n");
  CHECK(one_line("x\r\r\n") == "x_\n");
  CHECK(one_line("") == "\n");
}

TEST_CASE("one_line applies to qmail's lines and a hostile sender under Postfix") {
  auto vars = qmail_vars();
  vars["DTLINE"] = "Delivered-To: x@y";
  CHECK(read_delivery_env(fake(vars), DeliverOptions{}, 0).dtline == "Delivered-To: x@y\n");
  auto pf = postfix_vars();
  pf["SENDER"] = "a@b\nBcc: victim@c";
  DeliverOptions f;
  f.from_line = true;
  DeliveryEnv e = read_delivery_env(fake(pf), f, 0);
  CHECK(e.rpline == "Return-Path: <a@b_Bcc: victim@c>\n");
  CHECK(e.ufline == "From a@b-Bcc:-victim@c Thu Jan  1 00:00:00 1970\n");
}

TEST_CASE("header_plan: the options choose the lines, in qmail-local's order") {
  DeliveryEnv e = read_delivery_env(fake(qmail_vars()), DeliverOptions{}, 0);
  e.ufline = "From u\n";
  DeliverOptions o;
  fmt::HeaderPlan p = header_plan(e, o);
  CHECK(p.added == "Return-Path: <a@b.example>\nDelivered-To: vbase-Joe.Smith@example.com\n");
  CHECK(p.loop_line == "Delivered-To: vbase-Joe.Smith@example.com");
  CHECK(p.block == vmm::fmt::HeaderPlan::Block::none);
  CHECK(!p.added_for_sender);
  o.from_line = true;
  CHECK(header_plan(e, o).added == "From u\n" + e.rpline + e.dtline);
  o.return_path = false;
  o.delivered_to = false;
  fmt::HeaderPlan none = header_plan(e, o);
  CHECK(none.added == "From u\n");
  CHECK(none.loop_line == "Delivered-To: vbase-Joe.Smith@example.com");  // still checked
  DeliveryEnv pf = read_delivery_env(fake(postfix_vars()), DeliverOptions{}, 0);
  fmt::HeaderPlan pp = header_plan(pf, DeliverOptions{});
  CHECK(pp.block == vmm::fmt::HeaderPlan::Block::local8);
  CHECK(pp.added == "Return-Path: <a@b.example>\nDelivered-To: vbase+Joe@mx.example\n");
  CHECK(pp.loop_line == "Delivered-To: vbase+Joe@mx.example");
  // The sender of local(8)'s Return-Path line replaces $SENDER's (filtered) one.
  REQUIRE(pp.added_for_sender);
  CHECK(pp.added_for_sender("o'brien@x.example") ==
        "Return-Path: <o'brien@x.example>\nDelivered-To: vbase+Joe@mx.example\n");
  DeliverOptions all;
  all.from_line = true;
  CHECK(header_plan(pf, all).added_for_sender("j\xc3\xb6rg@x.example") ==
        "From j\xc3\xb6rg@x.example Thu Jan  1 00:00:00 1970\n"
        "Return-Path: <j\xc3\xb6rg@x.example>\nDelivered-To: vbase+Joe@mx.example\n");
  all.return_path = all.delivered_to = all.from_line = false;
  CHECK(header_plan(pf, all).added_for_sender("o'brien@x.example").empty());
}
