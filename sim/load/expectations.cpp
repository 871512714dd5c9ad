// checkExpectations (see expectations.h).
#include "sim/load/expectations.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace pipelab::load {

namespace {

bool equalNoCase(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

// Python's repr() of a str, as the oracle prints header values.
std::string pyRepr(const std::string& text)
{
    const char quote = text.find('\'') != std::string::npos && text.find('"') == std::string::npos ? '"' : '\'';
    std::string out(1, quote);
    for (const char c : text) {
        if (c == '\\' || c == quote)
            out += '\\';
        out += c;
    }
    return out + quote;
}

void checkRequest(const scenario::Expectation& e, const trace::Trace& trace, const std::string& where,
                  std::vector<std::string>& failures)
{
    const std::int64_t index = *e.request;
    if (index < 0 || static_cast<std::size_t>(index) >= trace.requests.size()) {
        failures.push_back(where + fmt::format("no request {}", index));
        return;
    }
    const trace::RequestTrace& got = trace.requests[static_cast<std::size_t>(index)];
    if (e.status && *e.status != got.status)
        failures.push_back(where + fmt::format("request {}: status {} expected, got {}", index, *e.status, got.status));
    if (e.queries && static_cast<std::size_t>(*e.queries) != got.queries.size())
        failures.push_back(where + fmt::format("request {}: {} queries expected, got {}", index, *e.queries, got.queries.size()));
    if (e.error) {
        const std::string actual = got.error ? got.error->type : std::string();
        const std::string lastPart = actual.substr(actual.rfind('.') + 1);
        if (actual.empty() || (*e.error != actual && *e.error != lastPart))
            failures.push_back(where + fmt::format("request {}: error {} expected, got {}", index, *e.error,
                                                   actual.empty() ? "None" : actual));
    }
    for (const auto& [name, value] : e.headers) {
        const auto it = std::find_if(got.headers.begin(), got.headers.end(),
                                     [&](const auto& header) { return equalNoCase(header.first, name); });
        if (it == got.headers.end() || it->second != value)
            failures.push_back(where + fmt::format("request {}: header {}: {} expected, got {}", index, name, pyRepr(value),
                                                   it == got.headers.end() ? "None" : pyRepr(it->second)));
    }
}

void checkLoad(const scenario::Expectation::LoadBounds& bounds, const timing::LoadResult* load, const std::string& where,
               std::vector<std::string>& failures)
{
    if (!load) {
        failures.push_back(where + "load: no load ran (the scenario has no 'load' section)");
        return;
    }
    if (bounds.maxP95Ms && load->completed == 0)
        failures.push_back(where + fmt::format("load: p95 latency at most {} ms expected, but no request completed",
                                               *bounds.maxP95Ms));
    else if (bounds.maxP95Ms && !(load->latencyMs.p95 <= *bounds.maxP95Ms))
        failures.push_back(where + fmt::format("load: p95 latency at most {} ms expected, got {:.3f} ms", *bounds.maxP95Ms,
                                               load->latencyMs.p95));
    if (bounds.minThroughput && !(load->throughputRps >= *bounds.minThroughput))
        failures.push_back(where + fmt::format("load: throughput at least {} requests/s expected, got {:.3f}",
                                               *bounds.minThroughput, load->throughputRps));
    if (bounds.maxTimeouts && load->timeouts > static_cast<std::uint64_t>(std::max<std::int64_t>(*bounds.maxTimeouts, 0)))
        failures.push_back(where + fmt::format("load: at most {} timeouts expected, got {}", *bounds.maxTimeouts, load->timeouts));
}

} // namespace

bool hasLoadExpectations(const scenario::Scenario& scenario)
{
    return std::any_of(scenario.expect.begin(), scenario.expect.end(),
                       [](const scenario::Expectation& e) { return e.load.has_value(); });
}

std::vector<std::string> checkExpectations(const scenario::Scenario& scenario, const trace::Trace& trace,
                                           const timing::LoadResult* load)
{
    std::vector<std::string> failures;
    for (const scenario::Expectation& e : scenario.expect) {
        const std::string where = fmt::format("{}:{}:{}: expectation failed: ", scenario.file, e.pos.line, e.pos.column);
        if (e.request)
            checkRequest(e, trace, where, failures);
        if (e.load)
            checkLoad(*e.load, load, where, failures);
    }
    return failures;
}

} // namespace pipelab::load
