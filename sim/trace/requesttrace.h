// RequestTrace and Trace: the result of running a scenario's scripted requests — per request the
// status, headers, error, every SQL query with the line that caused it, and the ordered events.
#pragma once

#include "sim/trace/event.h"

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
};

struct Trace {
    std::string scenario; // the scenario's name
    std::vector<RequestTrace> requests;
};

} // namespace pipelab::trace
