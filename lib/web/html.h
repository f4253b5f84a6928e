// Every value the web pages show goes through here (SPEC §18): account
// names, forwards, personal fields, messages — all of it came from outside.
#pragma once
#include <string>
#include <string_view>

namespace vmm::web {

// Text and attribute values alike: & < > " ' become entities, so a value is
// safe between tags and inside a quoted attribute. Bytes that are not
// valid UTF-8 stay as they are (the page is UTF-8; the browser shows U+FFFD).
std::string html_escape(std::string_view text);

}  // namespace vmm::web
