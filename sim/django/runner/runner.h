// Runner: runs a scenario's scripted requests (spec §5) against a started Project, in order, the
// way the conformance oracle drives Django's test client: one browser (cookie jar) per user name
// plus one anonymous browser; users named in the requests are logged in before the first request
// (session keys 1, 2, ... in order of first appearance); an unsafe request with `csrf: valid`
// gets a csrftoken cookie (when its browser has none) and the X-CSRFToken header. Each request is
// recorded — status, the oracle's header set, the 500 error, every query with its source, and the
// pipeline events — into a trace::RequestTrace.
#pragma once

#include "sim/python/value.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/sourcepos.h"
#include "sim/trace/requesttrace.h"

#include <map>
#include <string>
#include <vector>

namespace pipelab::django::project {
class Project;
}

namespace pipelab::django::runner {

class Runner {
public:
    explicit Runner(project::Project& project);

    // All expanded requests, in order.
    trace::Trace run();
    // One request (`index` is its position in the expanded list); logs browsers in on first use.
    trace::RequestTrace runRequest(std::int64_t index, const scenario::Request& request);

    // Problems outside any request (a user that cannot be logged in), as diagnostics.
    const std::vector<scenario::Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    using CookieJar = std::map<std::string, std::string>;

    void loginBrowsers(const std::vector<scenario::Request>& requests);
    CookieJar& jarFor(const scenario::Request& request);
    py::Value buildRequest(const scenario::Request& request, CookieJar& jar);
    void readResponse(py::Value response, trace::RequestTrace& out, CookieJar& jar);

    project::Project& project_;
    std::map<std::string, CookieJar> jars_; // "" is the anonymous browser
    bool loggedIn_ = false;
    std::vector<scenario::Diagnostic> diagnostics_;
};

// application/x-www-form-urlencoded, as urllib.parse.urlencode writes it.
std::string urlencode(const std::vector<std::pair<std::string, std::string>>& fields);

} // namespace pipelab::django::runner
