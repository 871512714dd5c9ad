// Filters: the built-in filters of django/template/defaultfilters.py that PipeLab simulates,
// each with Django's conversions (stringfilter's str()), failure rules (what returns '' or the
// value unchanged, what raises), is_safe propagation and needs_autoescape. Filters whose results
// depend on things PipeLab does not model (random, timesince, urlize ...) are rejected by the
// parser instead (isSimulated()).
#pragma once

#include "sim/python/value.h"

#include <optional>
#include <string>
#include <string_view>

namespace pipelab::django::templates {

class TemplateLibrary;

class Filters {
public:
    explicit Filters(const TemplateLibrary& library) : lib_(library) {}

    static bool isSimulated(std::string_view name);

    // One step of FilterExpression.resolve(): func(obj, *args[, autoescape]) and, for is_safe
    // filters given SafeData, mark_safe of the result. `arg` is absent when none was written.
    py::Value apply(std::string_view name, py::Value value, const std::optional<py::Value>& arg,
                    bool autoescape) const;

    // django.utils.html.conditional_escape(): SafeData unchanged, anything else escape(str(x)).
    py::Value conditionalEscape(py::Value value) const;

private:
    py::Value call(std::string_view name, py::Value value, const std::optional<py::Value>& arg, bool autoescape) const;

    const TemplateLibrary& lib_;
};

} // namespace pipelab::django::templates
