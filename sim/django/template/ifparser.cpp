// IfParser: smartif.IfParser / TemplateIfParser.
#include "sim/django/template/ifparser.h"

#include "sim/django/template/templatesyntaxerror.h"

#include <fmt/format.h>

namespace pipelab::django::templates {

namespace {

int bindingPower(const std::string& op)
{
    if (op == "or")
        return 6;
    if (op == "and")
        return 7;
    if (op == "not")
        return 8;
    if (op == "in" || op == "not in")
        return 9;
    if (op == "is" || op == "is not" || op == "==" || op == "!=" || op == ">" || op == ">=" || op == "<" ||
        op == "<=")
        return 10;
    return -1;
}

} // namespace

std::string IfCondition::dump() const
{
    if (op == "literal")
        return value ? value->dump() : text;
    std::string out = "(" + op;
    for (const auto& operand : operands)
        out += " " + operand.dump();
    return out + ")";
}

IfParser::IfParser(const std::vector<std::string>& bits)
{
    for (std::size_t i = 0; i < bits.size(); ++i) {
        std::string token = bits[i];
        if (token == "is" && i + 1 < bits.size() && bits[i + 1] == "not") {
            token = "is not";
            ++i;
        } else if (token == "not" && i + 1 < bits.size() && bits[i + 1] == "in") {
            token = "not in";
            ++i;
        }
        Item item;
        const int bp = bindingPower(token);
        if (bp >= 0) {
            item.id = token;
            item.lbp = bp;
        } else {
            item.id = "literal";
            item.lbp = 0;
            item.literal.op = "literal";
            item.literal.value = FilterExpression::parse(token);
            item.literal.text = token;
        }
        tokens_.push_back(std::move(item));
    }
    current_ = next();
}

IfParser::Item IfParser::next()
{
    if (pos_ >= tokens_.size())
        return Item{"end", 0, {}};
    return tokens_[pos_++];
}

IfCondition IfParser::parse()
{
    IfCondition result = expression(0);
    if (current_.id != "end") {
        const std::string display = current_.id == "literal" ? current_.literal.text : current_.id;
        throw TemplateSyntaxError(fmt::format("Unused '{}' at end of if expression.", display));
    }
    return result;
}

IfCondition IfParser::expression(int rbp)
{
    if (++depth_ > kMaxDepth)
        throw TemplateSyntaxError(fmt::format("if expression nested more than {} levels deep.", kMaxDepth));
    Item t = current_;
    current_ = next();
    IfCondition left = nud(t);
    while (rbp < current_.lbp) {
        t = current_;
        current_ = next();
        left = led(t, std::move(left));
    }
    --depth_;
    return left;
}

IfCondition IfParser::nud(const Item& item)
{
    if (item.id == "literal")
        return item.literal;
    if (item.id == "end")
        throw TemplateSyntaxError("Unexpected end of expression in if tag.");
    if (item.id == "not") {
        IfCondition c;
        c.op = "not";
        c.operands.push_back(expression(item.lbp));
        return c;
    }
    throw TemplateSyntaxError(fmt::format("Not expecting '{}' in this position in if tag.", item.id));
}

IfCondition IfParser::led(const Item& item, IfCondition left)
{
    if (item.id == "not" || item.id == "literal" || item.id == "end")
        throw TemplateSyntaxError(fmt::format("Not expecting '{}' as infix operator in if tag.", item.id));
    IfCondition c;
    c.op = item.id;
    c.operands.push_back(std::move(left));
    c.operands.push_back(expression(item.lbp));
    return c;
}

} // namespace pipelab::django::templates
