// ProjectRenderHooks (see projectrenderhooks.h).
#include "sim/django/project/projectrenderhooks.h"

#include "sim/django/runtime/requestrecorder.h"
#include "sim/django/template/template.h"
#include "sim/python/containers.h"
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

py::Value ProjectRenderHooks::fragmentCache(py::Interpreter& interp, const std::optional<std::string>& cacheName)
{
    py::ModuleObject* module = interp.importModule("django.core.cache");
    const py::Value caches = interp.getAttr(module, "caches");
    std::string alias = cacheName.value_or("template_fragments");
    if (!cacheName && !hasCache(alias))
        alias = "default";
    return interp.callMethod(caches, "__getitem__", {interp.newStr(alias)});
}

std::optional<py::Value> ProjectRenderHooks::cacheGet(py::Interpreter& interp, const std::optional<std::string>& cacheName,
                                                      const std::string& key)
{
    const py::Value value = interp.callMethod(fragmentCache(interp, cacheName), "get", {interp.newStr(key)});
    if (value.isNone())
        return std::nullopt;
    return value;
}

void ProjectRenderHooks::cacheSet(py::Interpreter& interp, const std::optional<std::string>& cacheName,
                                  const std::string& key, py::Value value, std::optional<std::int64_t> timeout)
{
    interp.callMethod(fragmentCache(interp, cacheName), "set",
                      {interp.newStr(key), value, timeout ? py::Value::integer(*timeout) : py::Value()});
}

bool ProjectRenderHooks::hasCache(const std::string& cacheName)
{
    const py::Value configs = interp_.getAttr(interp_.importModule("django.core.cache"), "_CACHES");
    auto* dict = configs.as<py::DictObject>();
    return dict && interp_.dictGet(dict, interp_.newStr(cacheName)).has_value();
}

templates::DateParts ProjectRenderHooks::now()
{
    templates::DateParts parts = templates::DateParts::fromEpochSeconds(clock_.wholeEpochSeconds(), true);
    parts.microsecond = clock_.microsecond();
    return parts;
}

} // namespace pipelab::django::project
