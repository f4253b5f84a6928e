#include "import/qmail_dotfile.h"

#include "import/source.h"

namespace vmm::import {

DotQmail parse_dot_qmail(std::string_view text) {
  DotQmail q;
  for (const TextLine& l : text_lines(text)) {
    std::string_view line = l.text;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '|') {
      line.remove_prefix(1);
      q.programs.emplace_back(line);
    } else if (line.front() == '/' || line.front() == '.') {
      (line.back() == '/' ? q.maildirs : q.mboxes).emplace_back(line);
    } else {
      if (line.front() == '&') line.remove_prefix(1);
      q.forwards.emplace_back(line);
    }
  }
  return q;
}

std::string dot_qmail_name(std::string_view file_name) {
  constexpr std::string_view prefix = ".qmail-";
  if (!file_name.starts_with(prefix) || file_name.size() == prefix.size()) return "";
  std::string name(file_name.substr(prefix.size()));
  for (char& c : name)
    if (c == ':') c = '.';
  return name;
}

std::string vdelivermail_target(std::string_view program) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false, in_word = false;
  char quote = 0;
  for (char c : program) {
    if (quoted) {
      if (c == quote) quoted = false;
      else word += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quoted = true;
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  if (words.size() < 2 || !words[0].ends_with("vdelivermail")) return "";
  return words.back();
}

}  // namespace vmm::import
