// RequestRecorder: query and event recording with oracle-compatible source attribution.
#include "sim/django/runtime/requestrecorder.h"

#include "sim/python/interpreter.h"

namespace pipelab::django {

namespace {

bool isAttributedModule(std::string_view kind)
{
    return kind == "views" || kind == "middleware" || kind == "signals";
}

} // namespace

void RequestRecorder::begin(trace::RequestTrace& request)
{
    request_ = &request;
    templateFrames_.clear();
}

void RequestRecorder::end()
{
    if (request_)
        markWork();
    request_ = nullptr;
    templateFrames_.clear();
}

void RequestRecorder::recordQuery(std::string sql, std::int64_t rows)
{
    if (!request_)
        return;
    std::string source = currentSource();
    markWork();
    request_->events.push_back({trace::EventKind::Query, "orm", std::string(), source,
                                static_cast<std::int64_t>(request_->queries.size())});
    request_->queries.push_back({std::move(sql), std::move(source), rows});
}

void RequestRecorder::recordEvent(trace::Event event)
{
    if (!request_)
        return;
    markWork();
    request_->events.push_back(std::move(event));
}

void RequestRecorder::markWork()
{
    const trace::Work& done = request_->work;
    std::vector<trace::WorkMark>& marks = request_->workMarks;
    const trace::Work previous = marks.empty() ? trace::Work{} : marks.back().done;
    if (done == previous)
        return;
    if (!marks.empty() && marks.back().event == request_->events.size())
        marks.back().done = done;
    else
        marks.push_back({request_->events.size(), done});
}

void RequestRecorder::countInstanceBuilt()
{
    if (request_)
        ++request_->work.instancesBuilt;
}

std::string RequestRecorder::currentSource() const
{
    const std::vector<py::SourceLoc> stack = interpreter_.callStack(); // innermost first
    const std::size_t templateDepth = templateFrames_.empty() ? 0 : templateFrames_.back().pythonDepth;
    // Python frames entered after the innermost template node began are inside it.
    for (std::size_t i = 0; i < stack.size() && stack.size() - i > templateDepth; ++i) {
        if (isAttributedModule(stack[i].kind))
            return stack[i].label();
    }
    if (!templateFrames_.empty()) {
        const TemplateFrame& node = templateFrames_.back();
        return "templates/" + std::string(node.templateName) + ":" + std::to_string(node.yamlLine);
    }
    for (const py::SourceLoc& frame : stack) {
        if (isAttributedModule(frame.kind))
            return frame.label();
    }
    return "django";
}

void RequestRecorder::pushTemplateNode(std::string_view templateName, int yamlLine)
{
    templateFrames_.push_back({templateName, yamlLine, interpreter_.callDepth()});
    if (request_)
        ++request_->work.templateNodes;
}

void RequestRecorder::popTemplateNode()
{
    if (!templateFrames_.empty())
        templateFrames_.pop_back();
}

std::size_t RequestRecorder::queryCount() const
{
    return request_ ? request_->queries.size() : 0;
}

} // namespace pipelab::django
