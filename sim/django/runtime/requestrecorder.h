// RequestRecorder: collects what one request does while the runner executes it — every SQL
// statement with the line that caused it, and the trace events. The ORM binding reports each
// statement here; the template renderer brackets each node it renders, so a query caused while a
// template renders is attributed to `templates/NAME:LINE`.
//
// Attribution follows the oracle (tests/conformance/README.md): the innermost of (scenario code
// frames of views/middleware/signals, template nodes) wins; `models` frames are skipped so a
// query in a model method reports its caller; with neither, the source is "django" (Django's own
// machinery, e.g. the session middleware saving a session).
#pragma once

#include "sim/trace/requesttrace.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django {

class RequestRecorder {
public:
    explicit RequestRecorder(const py::Interpreter& interpreter) : interpreter_(interpreter) {}

    // Starts recording into `request` (which must outlive the recording); end() stops.
    void begin(trace::RequestTrace& request);
    void end();
    bool recording() const { return request_ != nullptr; }

    // One SQL statement as Django's SQLite backend logs it; `rows` returned or affected.
    void recordQuery(std::string sql, std::int64_t rows);
    void recordEvent(trace::Event event);
    // Where the statement being executed now comes from ("views:12", "templates/x.html:70").
    std::string currentSource() const;

    // Bracket the rendering of one template node; `yamlLine` is the node's line in the YAML file.
    void pushTemplateNode(std::string_view templateName, int yamlLine);
    void popTemplateNode();

    // Number of queries recorded so far in this request.
    std::size_t queryCount() const;

    // Python-side work for the timing model (trace::Work): one model instance built from a row.
    // Template nodes are counted by pushTemplateNode.
    void countInstanceBuilt();

private:
    struct TemplateFrame {
        std::string_view templateName; // owned by the parsed template, which outlives rendering
        int yamlLine = 0;
        std::size_t pythonDepth = 0; // scenario frames executing when the node began
    };

    // Marks the work done so far before the next event (see trace::WorkMark).
    void markWork();

    const py::Interpreter& interpreter_;
    trace::RequestTrace* request_ = nullptr;
    std::vector<TemplateFrame> templateFrames_;
};

} // namespace pipelab::django
