// probe: the "next program" of the checkvpw tests. Reports who and where it
// runs, one item per line on stdout, so a test can assert all of it:
//   uid R E S F / gid R E S F / groups G... (from /proc/self/status)
//   cwd PATH / argv ARG (one line each) / fd3 open|closed / env NAME=VALUE (sorted)
// Exits with $PROBE_EXIT when set (to test the postexec status pass-through);
// appends its pid to the file $PROBE_MARK when set (proof that it ran).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

// "Uid:\t1\t2\t3\t4" -> "1 2 3 4"
std::string status_field(const std::string& name) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + ":", 0) != 0) continue;
    std::string out;
    for (std::size_t i = name.size() + 1; i < line.size(); ++i) {
      char c = line[i] == '\t' ? ' ' : line[i];
      if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
      out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  if (const char* mark = std::getenv("PROBE_MARK")) {
    std::ofstream(mark, std::ios::app) << ::getpid() << "\n";
  }
  std::string out;
  out += "uid " + status_field("Uid") + "\n";
  out += "gid " + status_field("Gid") + "\n";
  out += "groups " + status_field("Groups") + "\n";
  char cwd[PATH_MAX];
  out += std::string("cwd ") + (::getcwd(cwd, sizeof cwd) ? cwd : "?") + "\n";
  for (int i = 0; i < argc; ++i) out += std::string("argv ") + argv[i] + "\n";
  out += std::string("fd3 ") + (::fcntl(3, F_GETFD) == -1 ? "closed" : "open") + "\n";
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  std::sort(env.begin(), env.end());
  for (const std::string& e : env) out += "env " + e + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  const char* code = std::getenv("PROBE_EXIT");
  return code ? std::atoi(code) : 0;
}
