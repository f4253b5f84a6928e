#include "fmt/mail_header.h"

#include <doctest/doctest.h>

#include <string>

using vmm::fmt::HeaderFilter;
using vmm::fmt::HeaderPlan;

namespace {

const std::string kDt = "Delivered-To: base-joe@example.com";
const std::string kRp = "Return-Path: <a@b.example>";

HeaderPlan qmail_plan() {
  HeaderPlan p;
  p.added = kRp + "\n" + kDt + "\n";
  p.loop_line = kDt;
  return p;
}

HeaderPlan postfix_plan() {
  HeaderPlan p;
  p.added = kRp + "\n" + kDt + "\n";
  p.loop_line = kDt;
  p.postfix_block = true;
  p.local_return_path = kRp;
  return p;
}

struct Run {
  std::string out;
  bool looping;
};

// Feeds message in pieces of `step` bytes (0 = all at once).
Run run(const HeaderPlan& plan, const std::string& message, std::size_t step = 0) {
  HeaderFilter f(plan);
  Run r;
  if (step == 0) {
    f.feed(message, r.out);
  } else {
    for (std::size_t i = 0; i < message.size(); i += step) f.feed(message.substr(i, step), r.out);
  }
  f.finish(r.out);
  r.looping = f.looping();
  return r;
}

}  // namespace

TEST_CASE("HeaderFilter: the added lines come first, the message follows unchanged") {
  std::string msg = "Subject: hi\nFrom: x@y\n\nbody line\nDelivered-To: " + kDt + "\n";
  Run r = run(qmail_plan(), msg);
  CHECK(r.out == kRp + "\n" + kDt + "\n" + msg);
  CHECK(!r.looping);  // after the empty line it is body, not header
  HeaderFilter f(qmail_plan());
  CHECK(f.added_size() == kRp.size() + kDt.size() + 2);
}

TEST_CASE("HeaderFilter: an empty message still gets the added lines") {
  Run r = run(qmail_plan(), "");
  CHECK(r.out == kRp + "\n" + kDt + "\n");
  CHECK(!r.looping);
}

TEST_CASE("HeaderFilter: the exact Delivered-To line in the header is a loop") {
  CHECK(run(qmail_plan(), "Subject: a\n" + kDt + "\n\nbody\n").looping);
  CHECK(run(qmail_plan(), kDt + "\nSubject: a\n\nbody\n").looping);
  CHECK(run(qmail_plan(), "Subject: a\n" + kDt + "\r\n\r\nbody\n").looping);  // CRLF
  CHECK(run(qmail_plan(), "Subject: a\n" + kDt).looping);  // last line, no newline
  // Not the exact line: no loop.
  CHECK(!run(qmail_plan(), "Subject: a\n" + kDt + "x\n\n").looping);
  CHECK(!run(qmail_plan(), "Subject: a\nX-" + kDt + "\n\n").looping);
  CHECK(!run(qmail_plan(), "Subject: a\ndelivered-to: base-joe@example.com\n\n").looping);
  CHECK(!run(qmail_plan(), "Subject: a\nDelivered-To: base-joe@example.co\n\n").looping);
  CHECK(!run(qmail_plan(), "Subject: a\n\n" + kDt + "\n").looping);  // in the body
}

TEST_CASE("HeaderFilter: no loop line, no loop check") {
  HeaderPlan p = qmail_plan();
  p.loop_line.clear();
  CHECK(!run(p, kDt + "\n\n").looping);
}

TEST_CASE("HeaderFilter: a chunk boundary anywhere changes nothing") {
  std::string msg = "Subject: a\nX-Long: " + std::string(300, 'z') + "\n" + kDt + "\n\nbody\n";
  Run whole = run(qmail_plan(), msg);
  for (std::size_t step : {1, 2, 3, 7, 34, 35, 36}) {
    Run r = run(qmail_plan(), msg, step);
    CHECK(r.out == whole.out);
    CHECK(r.looping);
  }
  std::string from = "From a@b  Thu Nov 22 02:48:00 2026\n" + kRp + "\nX-Original-To: joe@v.example\n" +
                     kDt + "\nSubject: s\n\nbody\n";
  Run pf = run(postfix_plan(), from);
  for (std::size_t step : {1, 2, 5, 13}) {
    Run r = run(postfix_plan(), from, step);
    CHECK(r.out == pf.out);
    CHECK(r.looping == pf.looping);
  }
}

TEST_CASE("HeaderFilter: a header line longer than anything compared is passed whole") {
  std::string msg = "X-Big: " + std::string(100000, 'q') + "\n" + kDt + "\n\n";
  Run r = run(qmail_plan(), msg, 4096);
  CHECK(r.out == qmail_plan().added + msg);
  CHECK(r.looping);
}

TEST_CASE("HeaderFilter postfix: local(8)'s block is replaced by the added lines") {
  std::string block = "From a@b.example  Thu Nov 22 02:48:00 2026\n" + kRp +
                      "\nX-Original-To: joe@virtual.example\n" + kDt + "\n";
  std::string msg = "Subject: s\nFrom: a@b.example\n\nbody\n";
  Run r = run(postfix_plan(), block + msg);
  CHECK(r.out == kRp + "\n" + kDt + "\nX-Original-To: joe@virtual.example\n" + msg);
  CHECK(!r.looping);  // local(8)'s own Delivered-To is not a loop
}

TEST_CASE("HeaderFilter postfix: a second Delivered-To line is a loop") {
  std::string msg = "From a@b.example  Thu Nov 22 02:48:00 2026\n" + kRp + "\n" + kDt + "\n" + kDt +
                    "\nSubject: s\n\nbody\n";
  Run r = run(postfix_plan(), msg);
  CHECK(r.looping);
  CHECK(r.out == kRp + "\n" + kDt + "\n" + kDt + "\nSubject: s\n\nbody\n");
}

TEST_CASE("HeaderFilter postfix: lines of the block that differ are kept") {
  // Without prepend_delivered_header for commands, and another Return-Path.
  std::string msg = "From x  date\nReturn-Path: <other@b.example>\nSubject: s\n\n";
  Run r = run(postfix_plan(), msg);
  CHECK(r.out == kRp + "\n" + kDt + "\nReturn-Path: <other@b.example>\nSubject: s\n\n");
  CHECK(!r.looping);
  // The block ended at the first other line: Return-Path later is kept as is.
  std::string late = "From x  date\nSubject: s\n" + kRp + "\n\n";
  CHECK(run(postfix_plan(), late).out == qmail_plan().added + "Subject: s\n" + kRp + "\n\n");
}

TEST_CASE("HeaderFilter postfix: only a first line starting 'From ' is the envelope line") {
  Run r = run(postfix_plan(), "Subject: s\nFrom x\n\n");
  CHECK(r.out == qmail_plan().added + "Subject: s\nFrom x\n\n");
  Run fromish = run(postfix_plan(), "Frost: x\n\nbody");
  CHECK(fromish.out == qmail_plan().added + "Frost: x\n\nbody");
  Run unfinished = run(postfix_plan(), "Fro");
  CHECK(unfinished.out == qmail_plan().added + "Fro");  // held bytes come out at the end
}

TEST_CASE("HeaderFilter qmail: a leading 'From ' line is part of the message") {
  Run r = run(qmail_plan(), "From x  date\n" + kRp + "\n\n");
  CHECK(r.out == qmail_plan().added + "From x  date\n" + kRp + "\n\n");
}

TEST_CASE("ctime_utc: the date of an mbox From line, as ctime(3) in UTC") {
  CHECK(vmm::fmt::ctime_utc(0) == "Thu Jan  1 00:00:00 1970");
  CHECK(vmm::fmt::ctime_utc(1796286309) == "Thu Dec  3 08:25:09 2026");
  CHECK(vmm::fmt::ctime_utc(1700000000) == "Tue Nov 14 22:13:20 2023");
}
