// Token: one piece of a template as Django's Lexer cuts it (text, {{ var }}, {% block %},
// {# comment #}), with its 1-based line, plus split_contents() and smart_split().
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::templates {

struct Token {
    enum class Type { Text, Var, Block, Comment };
    Type type = Type::Text;
    std::string contents;
    int lineno = 1;

    // Token.split_contents(): smart_split() keeping _("...") pieces together.
    std::vector<std::string> splitContents() const;
    // str.split() of the contents: what tags that take no variables use.
    std::vector<std::string> split() const;
};

// django.utils.text.smart_split(): split on whitespace, keeping quoted phrases (with their
// quotes and escapes) together.
std::vector<std::string> smartSplit(std::string_view text);

// Python's str.split() with no argument (runs of ASCII whitespace).
std::vector<std::string> whitespaceSplit(std::string_view text);

// str.strip() of ASCII whitespace.
std::string_view strip(std::string_view text);

} // namespace pipelab::django::templates
