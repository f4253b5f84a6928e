// The header work vdeliver does while it streams a message into its stored
// copy (SPEC §7 steps 2 and 4): put its own lines in front, watch the header
// (up to the first empty line) for the Delivered-To line it adds, which means
// the message is looping, and, under Postfix, replace the lines local(8)
// prepended. It sees each byte once and holds at most one short line head
// (and local(8)'s Return-Path line, bounded), so a message of any size goes
// through in constant memory.
#pragma once
#include <cstddef>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace vmm::fmt {

// A time as ctime(3) writes it, in UTC, without the newline: the date of an
// mbox From line ("Thu Dec  3 08:18:29 2026"). Empty when it cannot be shown.
std::string ctime_utc(std::time_t t);

struct HeaderPlan {
  // Written in front of the message, each ending in '\n': the mbox From line,
  // Return-Path and Delivered-To lines the options ask for, in qmail-local's
  // order (UFLINE, RPLINE, DTLINE).
  std::string added;
  // The Delivered-To line without its '\n'; a header line equal to it means
  // a loop. Empty: no check.
  std::string loop_line;
  // Lines the delivering program put in front of the message, recognised by
  // their structure and replaced by the added lines:
  //  - local8: Postfix local(8) runs a command with "From SENDER  DATE",
  //    "Return-Path: <SENDER>", "X-Original-To:" and "Delivered-To:" lines in
  //    front. The block is a first line starting "From ", then at most one
  //    Return-Path line, X-Original-To lines and at most one Delivered-To line
  //    equal to loop_line, in any order, up to the first other line.
  //  - mta: the same block without the From line (OpenSMTPD's mda writes
  //    "Return-Path: <SENDER>" and "Delivered-To: RECIPIENT" in front), so it
  //    may start at the first line.
  // The From, Return-Path and Delivered-To lines are dropped (the added lines
  // take their place, and the program already refuses its own loops);
  // X-Original-To lines stay. The loop check starts after the block: a
  // Delivered-To line of ours further down, below any Received line, is
  // still a loop. The sender in the block's Return-Path line is the real
  // one: local(8)'s $SENDER went through its command_expansion_filter, which
  // turns ' and 8-bit bytes into '_'.
  enum class Block { none, local8, mta };
  Block block = Block::none;
  // With a block: the added lines for the sender found in the block
  // (used instead of `added` when the block has a Return-Path line).
  std::function<std::string(std::string_view sender)> added_for_sender;
};

class HeaderFilter {
 public:
  explicit HeaderFilter(HeaderPlan plan);

  // Appends to out the bytes of the stored copy that chunk produces (the
  // added lines before the first byte that goes out). out grows by at most
  // chunk.size() plus the added lines plus one held line head.
  void feed(std::string_view chunk, std::string& out);
  // End of input: whatever is still held goes out, and a last header line
  // without its '\n' is checked like the others.
  void finish(std::string& out);

  bool looping() const { return looping_; }
  // Bytes of the stored copy before the message itself (the added lines).
  std::size_t added_size() const { return added_.size(); }
  // The envelope sender of local(8)'s Return-Path line, when the block had one.
  const std::optional<std::string>& block_sender() const { return block_sender_; }

 private:
  enum class Mode { pass, hold, drop, capture };
  void put_added(std::string& out);
  void header_byte(char c, std::string& out);
  void decide(std::string& out);
  void end_of_line(std::string& out);
  bool may_stay_in_block() const;
  void release_held(std::string& out);
  void check_line(std::string_view line);

  HeaderPlan plan_;
  std::string added_;
  bool added_out_ = false;
  std::size_t head_max_;
  bool in_header_ = true, in_block_, looping_ = false;
  bool return_path_seen_ = false, delivered_to_dropped_ = false;
  std::size_t line_no_ = 0;
  Mode mode_ = Mode::pass;
  std::string head_;  // the current line's first head_max_ bytes
  bool head_full_ = false;
  std::string return_path_;  // local(8)'s Return-Path line, bounded
  bool return_path_full_ = false;
  std::optional<std::string> block_sender_;
};

}  // namespace vmm::fmt
