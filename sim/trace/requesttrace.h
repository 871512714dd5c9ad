// RequestTrace and Trace: the result of running a scenario's scripted requests — per request the
// status, headers, error, every SQL query with the line that caused it, the ordered events, and
// counts of the Python-side work between them (what the timing model charges for besides events).
#pragma once

#include "sim/trace/event.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::trace {

struct Query {
    std::string sql;    // exactly as Django 3.2's SQLite connection.queries shows it
    std::string source; // "views:LINE", "templates/NAME:LINE", "middleware:LINE", "signals:LINE"
    std::int64_t rows = 0; // rows returned or affected (the timing model charges per row)
};

struct Error {
    std::string type;    // exception class name, e.g. "FieldError"
    std::string message; // str(exception), as Django words it
};

// Python-side work that leaves no event of its own: counted, not listed, because a 500-row page
// builds hundreds of instances and renders thousands of template nodes.
struct Work {
    std::int64_t instancesBuilt = 0; // model instances built from query rows
    std::int64_t templateNodes = 0;  // template nodes rendered (Node.render_annotated calls)

    friend Work operator-(Work a, const Work& b)
    {
        a.instancesBuilt -= b.instancesBuilt;
        a.templateNodes -= b.templateNodes;
        return a;
    }
    bool operator==(const Work&) const = default;
};

// The work done since the request started, as it stood when events[event] was recorded
// (event == events.size(): at the end of the request). The recorder adds a mark only when the
// counts changed, so marks are sparse and in event order.
struct WorkMark {
    std::size_t event = 0;
    Work done;
};

struct RequestTrace {
    std::int64_t index = 0; // 0-based, into the expanded request list
    std::string method;
    std::string path;
    std::optional<std::string> user;
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers; // in the order Django sets them
    std::optional<Error> error;
    std::vector<Query> queries;
    std::vector<Event> events;
    Work work; // the whole request's work
    std::vector<WorkMark> workMarks;

    // The work done before events[event] (0 without marks).
    Work workBefore(std::size_t event) const
    {
        Work done;
        for (const WorkMark& mark : workMarks) {
            if (mark.event > event)
                break;
            done = mark.done;
        }
        return done;
    }
};

struct Trace {
    std::string scenario; // the scenario's name
    std::vector<RequestTrace> requests;
};

} // namespace pipelab::trace
