#include "fmt/mail_header.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

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
  p.block = HeaderPlan::Block::local8;
  p.added_for_sender = [](std::string_view sender) {
    return "Return-Path: <" + std::string(sender) + ">\n" + kDt + "\n";
  };
  return p;
}

HeaderPlan mta_plan() {
  HeaderPlan p = postfix_plan();
  p.block = HeaderPlan::Block::mta;
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

TEST_CASE("HeaderFilter postfix: local(8)'s Return-Path gives the sender, whatever $SENDER said") {
  // local(8)'s command_expansion_filter made $SENDER "o_brien@b.example";
  // its Return-Path line has the address as it is.
  std::string msg = "From o'brien@b.example  date\nReturn-Path: <o'brien@b.example>\n"
                    "X-Original-To: joe@virtual.example\n" + kDt + "\nSubject: s\n\n";
  HeaderFilter f(postfix_plan());
  std::string out;
  f.feed(msg, out);
  f.finish(out);
  CHECK(out == "Return-Path: <o'brien@b.example>\n" + kDt +
                   "\nX-Original-To: joe@virtual.example\nSubject: s\n\n");
  CHECK(!f.looping());
  REQUIRE(f.block_sender());
  CHECK(*f.block_sender() == "o'brien@b.example");
  CHECK(f.added_size() == std::string("Return-Path: <o'brien@b.example>\n" + kDt + "\n").size());
  // Byte by byte, UTF-8, CRLF, the null sender: the same recognition.
  std::string utf8 = "From x  d\r\nReturn-Path:  <j\xc3\xb6rg@b.example> \r\n" + kDt + "\r\nS: 1\r\n\r\n";
  Run r = run(postfix_plan(), utf8, 1);
  CHECK(r.out == "Return-Path: <j\xc3\xb6rg@b.example>\n" + kDt + "\nS: 1\r\n\r\n");
  CHECK(!r.looping);
  CHECK(run(postfix_plan(), "From MAILER-DAEMON  d\nReturn-Path: <>\nS: 1\n\n").out ==
        "Return-Path: <>\n" + kDt + "\nS: 1\n\n");
}

TEST_CASE("HeaderFilter postfix: a Return-Path line without an address, or too long, is dropped") {
  HeaderFilter f(postfix_plan());
  std::string out;
  f.feed("From x  d\nReturn-Path: nonsense\nS: 1\n\n", out);
  f.finish(out);
  CHECK(out == postfix_plan().added + "S: 1\n\n");  // the plan's own lines
  CHECK(!f.block_sender());
  HeaderFilter g(postfix_plan());
  std::string long_out;
  g.feed("From x  d\nReturn-Path: <" + std::string(5000, 'a') + "@b>\nS: 1\n\n", long_out);
  g.finish(long_out);
  CHECK(long_out == postfix_plan().added + "S: 1\n\n");
  CHECK(!g.block_sender());
}

TEST_CASE("HeaderFilter postfix: the block ends at the first other line") {
  // Without prepend_delivered_header for commands.
  std::string msg = "From x  date\nReturn-Path: <other@b.example>\nSubject: s\n\n";
  Run r = run(postfix_plan(), msg);
  CHECK(r.out == "Return-Path: <other@b.example>\n" + kDt + "\nSubject: s\n\n");
  CHECK(!r.looping);
  // Return-Path after the block is part of the message and kept as is.
  std::string late = "From x  date\nSubject: s\n" + kRp + "\n\n";
  CHECK(run(postfix_plan(), late).out == qmail_plan().added + "Subject: s\n" + kRp + "\n\n");
  // No "From " line first: no block at all, a Return-Path and a Delivered-To stay (the latter a loop).
  std::string noblock = kRp + "\n" + kDt + "\n\n";
  Run nb = run(postfix_plan(), noblock);
  CHECK(nb.out == qmail_plan().added + noblock);
  CHECK(nb.looping);
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

TEST_CASE("HeaderFilter mta: the program's own lines at the top are replaced, a later one is a loop") {
  // OpenSMTPD's mda: Return-Path (not for the null sender) and Delivered-To.
  std::string msg = "Received: from x\nSubject: s\n\nbody\n";
  for (std::size_t step : {0, 1, 3}) {
    Run r = run(mta_plan(), kRp + "\n" + kDt + "\n" + msg, step);
    CHECK(r.out == kRp + "\n" + kDt + "\n" + msg);
    CHECK(!r.looping);
  }
  Run null_sender = run(mta_plan(), kDt + "\n" + msg);
  CHECK(null_sender.out == qmail_plan().added + msg);
  CHECK(!null_sender.looping);
  // The sender of the program's Return-Path line is the one shown.
  Run other = run(mta_plan(), "Return-Path: <o'brien@b.example>\n" + kDt + "\n" + msg);
  CHECK(other.out == "Return-Path: <o'brien@b.example>\n" + kDt + "\n" + msg);
  // Our Delivered-To line below the block (below a Received line) is still a loop.
  Run loop = run(mta_plan(), kRp + "\n" + kDt + "\n" + "Received: from y\n" + kDt + "\n\n");
  CHECK(loop.looping);
  CHECK(run(mta_plan(), kDt + "\n" + kDt + "\n\n").looping);  // only one is the program's
  // A leading "From " line is not part of this block: the message keeps it.
  Run from = run(mta_plan(), "From x  date\n" + kDt + "\n\n");
  CHECK(from.out == qmail_plan().added + "From x  date\n" + kDt + "\n\n");
  CHECK(from.looping);
  // Nothing in front: the message goes through as it is.
  CHECK(run(mta_plan(), msg).out == qmail_plan().added + msg);
}

TEST_CASE("ctime_utc: the date of an mbox From line, as ctime(3) in UTC") {
  CHECK(vmm::fmt::ctime_utc(0) == "Thu Jan  1 00:00:00 1970");
  CHECK(vmm::fmt::ctime_utc(1796286309) == "Thu Dec  3 08:25:09 2026");
  CHECK(vmm::fmt::ctime_utc(1700000000) == "Tue Nov 14 22:13:20 2023");
}
