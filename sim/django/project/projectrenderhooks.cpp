// ProjectRenderHooks (see projectrenderhooks.h).
#include "sim/django/project/projectrenderhooks.h"

#include "sim/django/runtime/requestrecorder.h"
#include "sim/django/template/template.h"
#include "sim/python/interpreter.h"

namespace pipelab::django::project {

void ProjectRenderHooks::nodeStarted(const templates::Template& tmpl, const templates::Node& node)
{
    recorder_.pushTemplateNode(tmpl.name, tmpl.sourceLine(node));
}

void ProjectRenderHooks::nodeFinished(const templates::Template&, const templates::Node&)
{
    recorder_.popTemplateNode();
}

std::string ProjectRenderHooks::reverse(py::Interpreter& interp, py::Value viewName, const std::vector<py::Value>& args,
                                        const Kwargs& kwargs)
{
    py::DictObject* dict = interp.newDict();
    for (const auto& [name, value] : kwargs)
        interp.dictSet(dict, interp.newStr(name), value);
    const py::Value reverseFn = interp.getAttr(interp.importModule("django.urls"), "reverse");
    const py::Value url = interp.call(reverseFn, {viewName}, {{"args", interp.newList(args)}, {"kwargs", dict}});
    return interp.toStr(url);
}

templates::RenderHooks::Kwargs ProjectRenderHooks::contextProcessors(py::Interpreter& interp, py::Value request)
{
    const py::Value processors =
        interp.getAttr(interp.importModule("django.template.context_processors"), "_request_context");
    Kwargs result;
    const py::Value dict = interp.call(processors, {request});
    if (auto* d = dict.as<py::DictObject>())
        for (const auto& e : d->table.entries())
            if (e.live)
                result.emplace_back(interp.toStr(e.key), e.value);
    return result;
}

} // namespace pipelab::django::project
