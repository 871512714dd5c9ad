// Variable: django.template.base.Variable as the parser builds it: a number literal (int or
// float, by Django's rules), a quoted string literal (optionally _()-translated), or a dotted
// lookup path. Resolution against a context belongs to the renderer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::templates {

struct Variable {
    enum class Kind { Lookup, Int, Float, String };
    std::string var; // as written
    Kind kind = Kind::Lookup;
    std::vector<std::string> lookups; // Lookup: "a.b.c" → {a, b, c}
    std::string intDigits;            // Int: Python int's decimal form (any size), e.g. "-42"
    double floatValue = 0;            // Float
    std::string string;               // String: the unescaped text
    bool translate = false;           // _("...")

    // Throws TemplateSyntaxError ("Variables and attributes may not begin with underscores").
    static Variable parse(std::string_view var);
    // A constant string that Django resolves at parse time (Variable(constant).resolve({})).
    static Variable constant(std::string_view constant);

    // Compact notation shared with the oracle: L[a,b] I5 F1.5 S'text', '_' prefix when translated.
    std::string dump() const;
};

} // namespace pipelab::django::templates
