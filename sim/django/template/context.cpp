// Context: scope stack operations.
#include "sim/django/template/context.h"

namespace pipelab::django::templates {

Context::Context(bool autoescape) : autoescape(autoescape)
{
    dicts_.push_back({{"True", py::Value::boolean(true)}, {"False", py::Value::boolean(false)}, {"None", py::Value()}});
}

Context Context::fresh(Scope values) const
{
    Context c(autoescape);
    c.push(std::move(values));
    return c;
}

void Context::push(Scope values)
{
    dicts_.push_back(std::move(values));
}

void Context::pop()
{
    // The builtins scope stays, as Django's ContextPopException guards it.
    if (dicts_.size() > 1)
        dicts_.pop_back();
}

void Context::set(std::string_view name, py::Value value)
{
    Scope& scope = dicts_.back();
    for (auto& [k, v] : scope)
        if (k == name) {
            v = value;
            return;
        }
    scope.emplace_back(std::string(name), value);
}

void Context::setUpward(std::string_view name, py::Value value)
{
    for (auto it = dicts_.rbegin(); it != dicts_.rend(); ++it)
        for (auto& [k, v] : *it)
            if (k == name) {
                v = value;
                return;
            }
    set(name, value);
}

std::optional<py::Value> Context::find(std::string_view name) const
{
    for (auto it = dicts_.rbegin(); it != dicts_.rend(); ++it)
        for (const auto& [k, v] : *it)
            if (k == name)
                return v;
    return std::nullopt;
}

} // namespace pipelab::django::templates
