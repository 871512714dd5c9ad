// FilterExpression: the "var|filter:arg|filter" text of a {{ }} or a tag argument, parsed exactly
// as Django's filter_re / FilterExpression.__init__ do it, error messages included.
#pragma once

#include "sim/django/template/variable.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::templates {

struct FilterCall {
    std::string name;
    // The one argument a filter may take: a constant (resolved at parse time, never translated
    // lazily in the dump) or a Variable to resolve at render time.
    std::optional<Variable> arg;
    bool argIsConstant = false;
};

struct FilterExpression {
    std::string token; // the text as written
    Variable var;
    std::vector<FilterCall> filters;

    // Throws TemplateSyntaxError with Django's messages.
    static FilterExpression parse(std::string_view token);

    // Compact notation shared with the oracle: L[value]|default:S'x'|upper.
    std::string dump() const;
};

} // namespace pipelab::django::templates
