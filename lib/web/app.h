// The web pages of vmailmgr.cgi (SPEC §18) as one function of a request:
// GET shows a page, POST makes one change through vmailmgrd and redirects
// to a page that shows it (Post/Redirect/Get). The session lives in a
// cookie holding the daemon's token; every request renews it (idle expiry)
// and every change must carry the anti-CSRF field of its form. Nothing is
// stored here: no password, no file.
#pragma once
#include "web/cgi_request.h"
#include "web/cgi_response.h"
#include "web/daemon_client.h"

namespace vmm::web {

// Never throws for anything a request or the daemon can do: refusals are
// pages with a 4xx status, a missing daemon a 503 page.
Response handle_request(const CgiRequest& request, DaemonTransport& daemon);

// The page for an error no page handled (a request that cannot be read,
// settings that cannot be read): 400 for Error(usage), 503 for a missing
// daemon or anything temporary, 500 else. script: SCRIPT_NAME, may be "".
Response error_response(const std::string& script, const Error& e);

}  // namespace vmm::web
