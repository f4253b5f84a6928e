#include "fmt/autoreply_message.h"

#include <doctest/doctest.h>

#include <string>

using namespace vmm::fmt;

namespace {

AutoreplyParts parts(std::vector<HeaderField> original) {
  return {"joe@virtual.example", "alice@sender.example", "Thu, 10 Dec 2026 08:18:29 +0000",
          "<1.2.autoresponse@virtual.example>", std::move(original)};
}

const std::string kTop =
    "To: <alice@sender.example>\n";
const std::string kDateId =
    "Date: Thu, 10 Dec 2026 08:18:29 +0000\n"
    "Message-ID: <1.2.autoresponse@virtual.example>\n";

}  // namespace

TEST_CASE("autoreply_message: the file's subject with %S, threading, Auto-Submitted") {
  std::string reply = autoreply_message(
      "Subject: Away: %S (%S)\r\nReply-To: desk@virtual.example\r\n\r\nBack Monday.\r\n",
      parts({{"Subject", "lunch\t?"}, {"Message-ID", "<m2@s>"}, {"References", "<m0@s> <m1@s>"}}));
  CHECK(reply == "From: joe@virtual.example\n" + kTop +
                     "Subject: Away: lunch ? (lunch ?)\n" + kDateId +
                     "In-Reply-To: <m2@s>\n"
                     "References: <m0@s>\n <m1@s>\n <m2@s>\n"
                     "Auto-Submitted: auto-replied\n"
                     "Reply-To: desk@virtual.example\n"
                     "\n"
                     "Back Monday.\n");
}

TEST_CASE("autoreply_message: the file's From; fields the reply owns are dropped") {
  std::string reply = autoreply_message(
      "From: Joe <joe@virtual.example>\nTo: someone@else\nDate: yesterday\nAuto-Submitted: no\n"
      "Subject: away\nX-Note: kept\n\nbody",
      parts({{"In-Reply-To", "<p@s>"}, {"Message-ID", "junk <m@s> more"}}));
  CHECK(reply == "From: Joe <joe@virtual.example>\n" + kTop + "Subject: away\n" + kDateId +
                     "In-Reply-To: <m@s>\n"
                     "References: <p@s>\n <m@s>\n"
                     "Auto-Submitted: auto-replied\n"
                     "X-Note: kept\n"
                     "\nbody\n");
}

TEST_CASE("autoreply_message: no header in the file, no Message-ID in the original") {
  std::string reply = autoreply_message("I am away.\n", parts({}));
  CHECK(reply == "From: joe@virtual.example\n" + kTop + "Subject: Auto:\n" + kDateId +
                     "Auto-Submitted: auto-replied\n\nI am away.\n");
  reply = autoreply_message("Subject: x\n\nb\n", parts({{"Message-ID", "no brackets"}}));
  CHECK(reply.find("In-Reply-To") == std::string::npos);
  CHECK(reply.find("References") == std::string::npos);
}

TEST_CASE("autoreply_message: 8-bit text is declared or encoded") {
  std::string reply = autoreply_message("Subject: Abwesend – %S\n\nBin weg, zurück am Montag.\n",
                                        parts({{"Subject", "=?UTF-8?Q?gr=C3=BC=C3=9Fe?="}}));
  // The subject is the file's with %S, as encoded words (known answer below).
  CHECK(reply == "From: joe@virtual.example\n" + kTop + "Subject: " +
                     encode_header_text("Abwesend – =?UTF-8?Q?gr=C3=BC=C3=9Fe?=") + "\n" +
                     kDateId +
                     "Auto-Submitted: auto-replied\n"
                     "MIME-Version: 1.0\n"
                     "Content-Type: text/plain; charset=utf-8\n"
                     "Content-Transfer-Encoding: 8bit\n"
                     "\nBin weg, zurück am Montag.\n");
  CHECK(encode_header_text("Abwesend – x") == "=?UTF-8?B?QWJ3ZXNlbmQg4oCTIHg=?=");
  // The file's own Content-Type is kept, nothing added.
  reply = autoreply_message("Subject: s\nContent-Type: text/plain; charset=iso-8859-1\n\n\xe9t\xe9\n", parts({}));
  CHECK(reply.find("Content-Type: text/plain; charset=iso-8859-1\n\n\xe9t\xe9\n") != std::string::npos);
  CHECK(reply.find("MIME-Version") == std::string::npos);
}

TEST_CASE("autoreply_message: References stay bounded, first and latest kept") {
  std::string refs;
  for (int i = 0; i < 30; ++i) refs += "<r" + std::to_string(i) + "@s> ";
  std::string reply = autoreply_message("Subject: s\n\nb\n", parts({{"References", refs}, {"Message-ID", "<m@s>"}}));
  std::string want = "References: <r0@s>";
  for (int i = 12; i < 30; ++i) want += "\n <r" + std::to_string(i) + "@s>";
  want += "\n <m@s>\n";
  CHECK(reply.find(want) != std::string::npos);
}

TEST_CASE("message_ids: bracketed identifiers, junk skipped") {
  CHECK(message_ids("<a@b> (comment) <c@d>") == std::vector<std::string>{"<a@b>", "<c@d>"});
  CHECK(message_ids("<a b@c> <x@y>") == std::vector<std::string>{"<x@y>"});
  CHECK(message_ids("<> <unclosed").empty());
  CHECK(message_ids("").empty());
}

TEST_CASE("encode_header_text: ASCII as it is, UTF-8 in B words never split in a character") {
  CHECK(encode_header_text("plain text") == "plain text");
  CHECK(encode_header_text("zurück") == "=?UTF-8?B?enVyw7xjaw==?=");
  // 44 ASCII bytes then a 2-byte character: the character moves to the next word.
  std::string text = std::string(44, 'a') + "\xc3\xbc" + "b";
  std::string enc = encode_header_text(text);
  std::size_t fold = enc.find("\n ");
  REQUIRE(fold != std::string::npos);
  CHECK(enc.substr(fold + 2) == "=?UTF-8?B?w7xi?=");
  CHECK(enc.substr(0, fold).size() <= 75);
}
