#include "import/teapop_source.h"

#include <cstdlib>

#include "domain/password.h"
#include "fmt/ascii.h"
#include "sys/error.h"
#include "sys/fd.h"

namespace vmm::import {
namespace {

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Teapop reads lines of at most 511 bytes with their newline.
constexpr std::size_t kTeapopLine = 511;

}  // namespace

std::vector<std::string> teapop_domain_line(std::string_view text, const std::string& domain,
                                            const std::string& file) {
  for (const TextLine& l : text_lines(text)) {
    std::string_view line = l.text;
    if (line.size() >= kTeapopLine) continue;
    line = line.substr(0, line.find(';'));
    line = line.substr(0, line.find('#'));
    line = trim_blanks(line);
    if (line.empty()) continue;
    std::vector<std::string_view> f = colon_fields(line);
    if (!fmt::equal_nocase(f[0], domain)) continue;
    const std::string where = file + ":" + std::to_string(l.number);
    const std::string method = f.size() > 2 ? fmt::ascii_lowered(f[2]) : "";
    if (method != "textfile" && method != "htpasswd")
      throw Error(ErrorClass::permanent, where + ": " + domain + " is authenticated by '" + method +
                                             "', not by a textfile or htpasswd file");
    if (f.size() < 9)
      throw Error(ErrorClass::permanent,
                  where + ": not DOMAIN:IP:" + method + ":MAILDIR:LEVEL:UID:GID:FILE:MAX:");
    return {f.begin(), f.end()};
  }
  throw Error(ErrorClass::permanent, file + " has no line for " + domain);
}

std::string teapop_mailbox_path(const std::string& maildir, int levels, const std::string& mailbox) {
  std::string path = maildir;
  for (int i = 0; i < levels && static_cast<std::size_t>(i) < mailbox.size(); ++i) {
    path += '/';
    path += mailbox[static_cast<std::size_t>(i)];
  }
  return path + "/" + mailbox;
}

Source read_teapop(const SourcePaths& p) {
  std::string config;
  std::string text;
  if (p.config) {
    config = *p.config;
    text = sys::read_file(config, kMaxSourceFile);
  } else {
    config = under_root(p.root, "/etc/teapop.passwd");
    if (!sys::read_file_if_exists(config, kMaxSourceFile, text)) {
      config = under_root(p.root, "/usr/local/etc/teapop.passwd");
      text = sys::read_file(config, kMaxSourceFile);
    }
  }
  const std::vector<std::string> f = teapop_domain_line(text, p.domain, config);
  const bool plain = fmt::equal_nocase(f[2], "textfile");  // else htpasswd (teapop_domain_line)
  const std::string maildir = under_root(p.root, f[3]);
  const int levels = std::atoi(f[4].c_str());
  const std::string file = p.passwd.value_or(under_root(p.root, f[7]));
  const long max = std::atol(f[8].c_str());

  Source out;
  out.description = "teapop (" + f[2] + "): " + file + ", mailboxes in " + maildir;
  std::string passwords = sys::read_file(file, kMaxSourceFile);
  struct Wipe {
    std::string& s;
    ~Wipe() { domain::wipe(s); }
  } wipe_passwords{passwords};  // plain-text passwords: wiped on every way out
  const bool last_line_open = !passwords.empty() && passwords.back() != '\n';
  std::vector<TextLine> lines = text_lines(passwords);
  long counted = 0;
  for (const TextLine& l : lines) {
    const std::string where = file + ":" + std::to_string(l.number);
    std::string_view line = l.text;
    std::size_t first = line.find_first_not_of(" \t\r\n\f\v");
    if (first == std::string_view::npos) continue;
    line.remove_prefix(first);
    if (line.front() == '#' || line.front() == ';') continue;
    std::size_t colon = line.find(':');
    std::string name(line.substr(0, colon));
    if (l.text.size() >= kTeapopLine) {
      out.problems.push_back({where, name, "teapop never read this line: it is longer than 510 bytes"});
      continue;
    }
    if (last_line_open && &l == &lines.back()) {
      out.problems.push_back({where, name, "teapop never read this line: it has no newline at the end"});
      continue;
    }
    SourceEntry e;
    e.where = where;
    e.name = name;
    if (++counted > max)
      e.warnings.push_back("beyond teapop's limit of " + std::to_string(max) +
                           " accounts for the domain: it could not log in there");
    std::string_view rest = colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
    std::string mailbox;
    if (plain) {
      std::size_t second = colon == std::string_view::npos ? colon : rest.find(':');
      if (colon == std::string_view::npos || second == std::string_view::npos) {
        out.problems.push_back({where, name, "not a textfile line \"USER:PASSWORD:MAILBOX\""});
        continue;
      }
      std::string password(rest.substr(0, second));
      mailbox = std::string(rest.substr(second + 1));
      try {
        e.hash = domain::hash_new_password(password);
        e.clear = password;
      } catch (const Error& err) {
        domain::wipe(password);
        if (err.cls() == ErrorClass::temporary) throw;
        out.problems.push_back({where, name, std::string("its password cannot be used: ") + err.what()});
        continue;
      }
      domain::wipe(password);
    } else {
      if (colon == std::string_view::npos) {
        out.problems.push_back({where, name, "not an htpasswd line \"USER:HASH\""});
        continue;
      }
      e.hash = std::string(rest.substr(0, rest.find(':')));
      mailbox = name;
    }
    if (mailbox.ends_with('/')) {
      mailbox.pop_back();
      e.mailbox = {Mailbox::maildir, teapop_mailbox_path(maildir, levels, mailbox)};
    } else {
      e.mailbox = {Mailbox::mbox, teapop_mailbox_path(maildir, levels, mailbox)};
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace vmm::import
