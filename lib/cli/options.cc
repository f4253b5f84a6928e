#include "cli/options.h"

#include <cstring>

#include "auto/paths.h"
#include "sys/error.h"

namespace vmm::cli {
namespace {

Error usage_error(const std::string& what) { return Error(ErrorClass::usage, what); }

const Option* find_long(const std::vector<Option>& options, std::string_view name) {
  for (const Option& o : options)
    if (o.long_name && name == o.long_name) return &o;
  return nullptr;
}

const Option* find_short(const std::vector<Option>& options, char c) {
  for (const Option& o : options)
    if (o.short_name && o.short_name == c) return &o;
  return nullptr;
}

}  // namespace

std::string usage_line(const ProgramInfo& info) {
  return std::string("usage: ") + info.name + " " + info.synopsis;
}

std::string help_text(const ProgramInfo& info, const std::vector<Option>& options) {
  std::string out = usage_line(info) + "\n" + info.summary + "\n\nOptions:\n";
  auto line = [&out](std::string left, const char* help) {
    if (left.size() < 28) left.resize(28, ' ');
    else left += "  ";
    out += "  " + left + help + "\n";
  };
  for (const Option& o : options) {
    std::string left;
    if (o.short_name) left = std::string("-") + o.short_name;
    if (o.long_name) left += std::string(left.empty() ? "" : ", ") + "--" + o.long_name;
    if (o.arg_name) left += std::string(o.long_name ? "=" : " ") + o.arg_name;
    line(left, o.help);
  }
  line("--help", "show this help and exit");
  line("--version", "show the version and exit");
  return out;
}

Parsed parse_options(const ProgramInfo& info, const std::vector<Option>& options,
                     const std::vector<std::string>& args) {
  Parsed p;
  bool only_operands = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_operands || a.size() < 2 || a[0] != '-') {
      p.operands.push_back(a);
      continue;
    }
    if (a == "--") {
      only_operands = true;
      continue;
    }
    if (a[1] == '-') {
      std::string_view body(a);
      body.remove_prefix(2);
      std::size_t eq = body.find('=');
      std::string_view name = body.substr(0, eq);
      if (name == "help" && eq == std::string_view::npos) {
        p.what = Parsed::help;
        p.text = help_text(info, options);
        return p;
      }
      if (name == "version" && eq == std::string_view::npos) {
        p.what = Parsed::version;
        p.text = std::string(info.name) + " (vmailmgr) " + auto_conf::version + "\n";
        return p;
      }
      const Option* o = find_long(options, name);
      if (!o) throw usage_error("unknown option '--" + std::string(name) + "'");
      if (!o->arg_name) {
        if (eq != std::string_view::npos)
          throw usage_error("option '--" + std::string(name) + "' takes no argument");
        o->set({});
      } else if (eq != std::string_view::npos) {
        o->set(body.substr(eq + 1));
      } else {
        if (i + 1 >= args.size())
          throw usage_error("option '--" + std::string(name) + "' needs an argument");
        o->set(args[++i]);
      }
      continue;
    }
    for (std::size_t j = 1; j < a.size(); ++j) {
      const Option* o = find_short(options, a[j]);
      if (!o) throw usage_error(std::string("unknown option '-") + a[j] + "'");
      if (!o->arg_name) {
        o->set({});
        continue;
      }
      if (j + 1 < a.size()) {
        o->set(std::string_view(a).substr(j + 1));
      } else {
        if (i + 1 >= args.size())
          throw usage_error(std::string("option '-") + a[j] + "' needs an argument");
        o->set(args[++i]);
      }
      break;
    }
  }
  return p;
}

}  // namespace vmm::cli
