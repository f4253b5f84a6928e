// The header work vdeliver does while it streams a message into its stored
// copy (SPEC §7 steps 2 and 4): put its own lines in front, watch the header
// (up to the first empty line) for the Delivered-To line it adds, which means
// the message is looping, and, under Postfix, replace the lines local(8)
// prepended. It sees each byte once and holds at most one short line head,
// so a message of any size goes through in constant memory.
#pragma once
#include <cstddef>
#include <ctime>
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
  // Postfix local(8) runs a command with "From SENDER  DATE", "Return-Path:",
  // "X-Original-To:" and "Delivered-To:" lines in front of the message. When
  // set, that block is taken apart: the From line is dropped (a Maildir
  // message has none), a Return-Path line equal to local_return_path and a
  // Delivered-To line equal to loop_line are dropped (the added lines take
  // their place, and local(8) already refuses its own loops), and an
  // X-Original-To line stays. The loop check starts after the block.
  bool postfix_block = false;
  std::string local_return_path;  // without '\n'
};

class HeaderFilter {
 public:
  explicit HeaderFilter(HeaderPlan plan);

  // Appends to out the bytes of the stored copy that chunk produces (the
  // first call also the added lines). out grows by at most chunk.size() plus
  // the added lines plus one held line head.
  void feed(std::string_view chunk, std::string& out);
  // End of input: whatever is still held goes out, and a last header line
  // without its '\n' is checked like the others.
  void finish(std::string& out);

  bool looping() const { return looping_; }
  // Bytes of the stored copy before the message itself: plan.added.size().
  std::size_t added_size() const { return plan_.added.size(); }

 private:
  enum class Mode { pass, hold, drop };
  void start(std::string& out);
  void header_byte(char c, std::string& out);
  void end_of_line(std::string& out);
  bool may_become_dropped() const;
  void release_held(std::string& out);
  void check_line(std::string_view line);

  HeaderPlan plan_;
  std::size_t head_max_;
  bool started_ = false, in_header_ = true, in_block_, looping_ = false;
  bool return_path_dropped_ = false, delivered_to_dropped_ = false;
  std::size_t line_no_ = 0;
  Mode mode_ = Mode::pass;
  std::string head_;  // the current line's first head_max_ bytes
  bool head_full_ = false;
};

}  // namespace vmm::fmt
