// authvmailmgr's loop: requests from authdaemond on one descriptor, replies
// on another, for as long as authdaemond keeps the pipe open.
#pragma once
#include <functional>
#include <string>

#include "fmt/authpipe.h"

namespace vmm::courier {

using Answer = std::function<std::string(const fmt::AuthpipeRequest&)>;

// Reads in (fmt::AuthpipeReader: bounded, every request gets one reply) and
// writes answer's reply to each request, in order, to out; returns at end of
// file (a request cut short by it gets no reply: nobody is left to read
// it). Read and write errors throw. Bytes read are wiped once parsed.
void serve_authpipe(int in, int out, const Answer& answer);

}  // namespace vmm::courier
