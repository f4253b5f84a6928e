// A Connection for unit tests: input in scripted pieces (then the end, or a
// timeout), replies recorded.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "lookup/connection.h"

namespace vmm::testing {

using vmm::lookup::Connection;
using vmm::lookup::ConnectionRead;
using vmm::lookup::ConnectionWrite;

class ScriptedConnection : public Connection {
 public:
  std::vector<std::string> pieces;
  ConnectionRead at_end = ConnectionRead::closed;
  std::vector<std::string> written;
  std::size_t reads = 0;
  bool stall = false;

  ConnectionRead read(std::string& out, std::size_t max) override {
    ++reads;
    if (next_ == pieces.size()) return at_end;
    std::string& p = pieces[next_];
    out += p.substr(0, max);
    if (p.size() > max) p.erase(0, max);
    else ++next_;
    return ConnectionRead::data;
  }
  ConnectionWrite write(std::string_view bytes) override {
    if (stall) return ConnectionWrite::timeout;
    written.emplace_back(bytes);
    return ConnectionWrite::done;
  }
  std::string all() const {
    std::string s;
    for (const std::string& w : written) s += w;
    return s;
  }

 private:
  std::size_t next_ = 0;
};

}  // namespace vmm::testing
