// IfCondition: the tree django.template.smartif builds for {% if %}: an operator ("or", "and",
// "not", "in", "not in", "is", "is not", "==", "!=", "<", ">", "<=", ">=") with its operands, or a
// literal (a FilterExpression, TemplateLiteral in Django).
#pragma once

#include "sim/django/template/filterexpression.h"

#include <optional>
#include <string>
#include <vector>

namespace pipelab::django::templates {

struct IfCondition {
    std::string op;                       // "literal" for a leaf
    std::optional<FilterExpression> value; // the leaf's expression
    std::string text;                     // the leaf's text, for error messages
    std::vector<IfCondition> operands;    // one for "not", two for infix operators

    // (or L[a] (not L[b])), the notation of the oracle.
    std::string dump() const;
};

} // namespace pipelab::django::templates
