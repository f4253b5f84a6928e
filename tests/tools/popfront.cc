// popfront: a minimal stand-in for qmail-popup, for the checkvpw tests under
// tcpserver. Speaks just enough POP3 on stdin/stdout:
//   +OK <greeting>   USER name -> +OK   PASS secret -> runs the subprogram
// with "name NUL secret NUL <timestamp> NUL" on fd 3, stdin/stdout still the
// connection, and waits for it. A non-zero exit is answered with
// "-ERR authorization failed (exit N)". QUIT ends the session.
//   usage: popfront hostname subprogram [args...]
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>

namespace {

void reply(const std::string& line) {
  std::string out = line + "\r\n";
  if (::write(1, out.data(), out.size()) < 0) std::_Exit(111);
}

bool read_line(std::string& line) {
  line.clear();
  char c;
  for (;;) {
    ssize_t n = ::read(0, &c, 1);
    if (n <= 0) return !line.empty();
    if (c == '\n') break;
    line += c;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

int check(char** subprogram, const std::string& user, const std::string& pass,
          const std::string& timestamp) {
  int fds[2];
  if (::pipe(fds) != 0) return 111;
  pid_t pid = ::fork();
  if (pid < 0) return 111;
  if (pid == 0) {
    ::close(fds[1]);
    if (fds[0] != 3) {
      ::dup2(fds[0], 3);
      ::close(fds[0]);
    }
    ::execv(subprogram[0], subprogram);
    std::perror("popfront: exec");
    std::_Exit(111);
  }
  ::close(fds[0]);
  std::string data = user + '\0' + pass + '\0' + timestamp + '\0';
  ssize_t ignored = ::write(fds[1], data.data(), data.size());  // a short pipe is fine
  (void)ignored;
  ::close(fds[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: popfront hostname subprogram [args...]\n";
    return 100;
  }
  const std::string timestamp = "<" + std::to_string(::getpid()) + "." +
                                std::to_string(std::time(nullptr)) + "@" + argv[1] + ">";
  reply("+OK " + timestamp);
  std::string line, user;
  while (read_line(line)) {
    std::string verb = line.substr(0, line.find(' '));
    std::string arg = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
    for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (verb == "QUIT") {
      reply("+OK");
      return 0;
    } else if (verb == "USER") {
      user = arg;
      reply("+OK");
    } else if (verb == "PASS") {
      int code = check(argv + 2, user, arg, timestamp);
      if (code == 0) return 0;
      reply("-ERR authorization failed (exit " + std::to_string(code) + ")");
    } else {
      reply("-ERR unknown command");
    }
  }
  return 0;
}
