// Lexer: Django's template Lexer. tag_re = ({%.*?%}|{{.*?}}|{#.*?#}) splits the source (a tag
// never spans a newline, as '.' does not match one), each piece becomes a Token with the line it
// starts on, and {% verbatim %} ... {% endverbatim %} turns everything between into text.
#pragma once

#include "sim/django/template/token.h"

#include <string_view>
#include <vector>

namespace pipelab::django::templates {

class Lexer {
public:
    static std::vector<Token> tokenize(std::string_view templateString);
};

} // namespace pipelab::django::templates
