// Splitting an mbox mailbox into messages exactly as Debian's mb2md (3.20)
// does, so vimport stores the same message bytes (SPEC §19):
// - a message starts at a line "From +ADDR ...HH:MM..." (regex
//   ^From +\S+ .*\d\d:\d\d) that is the first line or follows an empty line;
// - every line ending CR LF ends in LF instead;
// - header lines starting "From " (the separator itself, repeated ones) are
//   left out; a header ">From " line is kept as it is;
// - in the body, ">From " loses its '>' (mboxo); ">>From " stays, unless
//   mboxrd quoting is asked for, which takes one '>' off any ">...>From ";
// - the empty line before the next separator stays with the message;
// - Status:/X-Status: letters (and X-Mozilla-Status, X-Evolution bits) give
//   the Maildir flags F (F), R (A), S (R), T (D);
// - a first message whose Subject starts "DON'T DELETE THIS MESSAGE --
//   FOLDER INTERNAL DATA" (UW imapd's folder data) is dropped.
// Where mb2md loses mail, this does not: a mailbox that ends inside a
// header block (no empty line after the headers) gives those header lines
// as a last message, where mb2md drops them and gives their date to the
// message before. Text before the first separator is refused (mb2md stops
// there); empty lines before it are skipped.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace vmm::fmt {

enum class MboxQuoting { mboxo, mboxrd };

struct MboxMessage {
  std::string bytes;      // the message as stored
  std::string flags;      // Maildir info flags: some of "FRST", in that order
  std::string date_text;  // the date mb2md reads from the separator line
  std::size_t number = 0; // 1-based among the messages given out
  std::size_t offset = 0; // where its separator line starts in the mailbox
};

// mb2md's separator test for one line (its LF, or CR LF, may be there).
bool is_from_line(std::string_view line);

// The part of a separator line mb2md hands to Date::Parse: after "From ",
// the address (up to and with its first '@', then the next word; without an
// '@' the first word, or a parenthesized comment) is taken off, and one
// final LF.
std::string from_line_date(std::string_view line);

// The Maildir flags for the letters gathered from a message's header lines.
std::string maildir_flags(std::string_view status_letters);

// The status letters one header line adds (Status:, X-Status:,
// X-Mozilla-Status:, X-Evolution:), as mb2md gathers them.
std::string status_letters(std::string_view header_line);

class MboxReader {
 public:
  // mbox must outlive the reader (a mapped file).
  explicit MboxReader(std::string_view mbox, MboxQuoting quoting = MboxQuoting::mboxo);

  // The next message into m (its buffers are reused); false at the end.
  // Text other than empty lines before the first separator is
  // Error(permanent, "it does not start with a \"From \" line (line N)").
  bool next(MboxMessage& m);

 private:
  std::string_view line_at(std::size_t pos) const;  // up to and with its LF
  bool read_message(MboxMessage& m);

  std::string_view text_;
  MboxQuoting quoting_;
  std::size_t pos_ = 0;
  std::size_t given_ = 0;
  bool started_ = false;
  bool first_ = true;
};

}  // namespace vmm::fmt
