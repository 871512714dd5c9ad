// IfParser: smartif's top-down operator-precedence parser (Python's precedences: or 6, and 7,
// not 8, in / not in 9, comparisons and is / is not 10) with Django's error messages.
#pragma once

#include "sim/django/template/ifcondition.h"

#include <string>
#include <vector>

namespace pipelab::django::templates {

class IfParser {
public:
    // Nesting deeper than this ("not not not ...") is reported instead of recursing further.
    static constexpr int kMaxDepth = 200;

    // `bits` is split_contents() of the tag without its name. Operands are compiled as filter
    // expressions while the tokens are read, as TemplateIfParser does. Throws TemplateSyntaxError.
    explicit IfParser(const std::vector<std::string>& bits);

    IfCondition parse();

private:
    struct Item {
        std::string id; // operator id, "literal" or "end"
        int lbp = 0;
        IfCondition literal;
    };
    Item next();
    IfCondition expression(int rbp);
    IfCondition nud(const Item& item);
    IfCondition led(const Item& item, IfCondition left);

    std::vector<Item> tokens_;
    std::size_t pos_ = 0;
    Item current_;
    int depth_ = 0;
};

} // namespace pipelab::django::templates
