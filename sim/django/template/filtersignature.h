// FilterSignature: the built-in filters of Django 3.2 (defaultfilters.py) by name with the arity
// of their Python signature, which is all the parser needs: FilterExpression.args_check()
// compares the arguments given with the function's positional parameters and defaults.
#pragma once

#include <optional>
#include <string_view>

namespace pipelab::django::templates {

struct FilterSignature {
    std::string_view name;
    int args = 0;     // positional parameters, the filtered value included
    int defaults = 0; // how many of them have defaults

    static std::optional<FilterSignature> builtin(std::string_view name);
};

} // namespace pipelab::django::templates
