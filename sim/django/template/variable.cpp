// Variable: Django's number-then-string-then-lookup interpretation of a variable's text.
#include "sim/django/template/variable.h"

#include "sim/django/template/templatesyntaxerror.h"
#include "sim/django/urls/pythonrepr.h"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>

namespace pipelab::django::templates {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Digits with single underscores between them, as Python's int()/float() accept.
bool digitRun(std::string_view s, std::size_t& i, std::string& out)
{
    if (i >= s.size() || !isDigit(s[i]))
        return false;
    while (i < s.size()) {
        if (isDigit(s[i])) {
            out += s[i++];
        } else if (s[i] == '_' && i + 1 < s.size() && isDigit(s[i + 1])) {
            ++i;
        } else {
            break;
        }
    }
    return true;
}

// Python int(s): the normalised decimal text, or nullopt for ValueError.
std::optional<std::string> pyInt(std::string_view s)
{
    std::size_t i = 0;
    std::string sign;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        sign = s[i++] == '-' ? "-" : "";
    std::string digits;
    if (!digitRun(s, i, digits) || i != s.size())
        return std::nullopt;
    const std::size_t nz = digits.find_first_not_of('0');
    if (nz == std::string::npos)
        return std::string("0");
    return sign + digits.substr(nz);
}

// Python float(s) for the decimal forms (the caller only asks when s has '.' or 'e').
std::optional<double> pyFloat(std::string_view s)
{
    std::size_t i = 0;
    std::string text;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        text += s[i++];
    const bool intPart = digitRun(s, i, text);
    bool fracPart = false;
    if (i < s.size() && s[i] == '.') {
        text += s[i++];
        fracPart = digitRun(s, i, text);
    }
    if (!intPart && !fracPart)
        return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        text += s[i++];
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            text += s[i++];
        if (!digitRun(s, i, text))
            return std::nullopt;
    }
    if (i != s.size())
        return std::nullopt;
    return std::strtod(text.c_str(), nullptr);
}

// unescape_string_literal(), or nullopt when s is not quoted.
std::optional<std::string> unescapeStringLiteral(std::string_view s)
{
    if (s.empty() || (s[0] != '"' && s[0] != '\'') || s.back() != s[0] || s.size() < 2)
        return std::nullopt;
    const char quote = s[0];
    const std::string_view inner = s.substr(1, s.size() - 2);
    std::string step;
    for (std::size_t i = 0; i < inner.size(); ++i) {
        if (inner[i] == '\\' && i + 1 < inner.size() && inner[i + 1] == quote) {
            step += quote;
            ++i;
        } else {
            step += inner[i];
        }
    }
    std::string out;
    for (std::size_t i = 0; i < step.size(); ++i) {
        if (step[i] == '\\' && i + 1 < step.size() && step[i + 1] == '\\') {
            out += '\\';
            ++i;
        } else {
            out += step[i];
        }
    }
    return out;
}

std::string pyFloatRepr(double d)
{
    std::string s = fmt::format("{}", d);
    if (s.find_first_of(".eni") == std::string::npos)
        s += ".0";
    return s;
}

} // namespace

Variable Variable::parse(std::string_view text)
{
    Variable v;
    v.var = std::string(text);
    std::string_view var = text;
    const bool floaty = var.find('.') != std::string_view::npos || var.find('e') != std::string_view::npos ||
                        var.find('E') != std::string_view::npos;
    if (floaty) {
        if (const auto f = pyFloat(var); f && var.back() != '.') {
            v.kind = Kind::Float;
            v.floatValue = *f;
            return v;
        }
    } else if (const auto i = pyInt(var)) {
        v.kind = Kind::Int;
        v.intDigits = *i;
        return v;
    }
    if (var.size() >= 3 && var.substr(0, 2) == "_(" && var.back() == ')') {
        v.translate = true;
        var = var.substr(2, var.size() - 3);
    }
    if (const auto literal = unescapeStringLiteral(var)) {
        v.kind = Kind::String;
        v.string = *literal;
        return v;
    }
    if (var.empty() || var[0] == '_' || var.find("._") != std::string_view::npos)
        throw TemplateSyntaxError(
            fmt::format("Variables and attributes may not begin with underscores: '{}'", var));
    v.kind = Kind::Lookup;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = var.find('.', start);
        v.lookups.emplace_back(var.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    return v;
}

Variable Variable::constant(std::string_view constant)
{
    return parse(constant);
}

std::string Variable::dump() const
{
    std::string out = translate ? "_" : "";
    switch (kind) {
    case Kind::Lookup: {
        out += "L[";
        for (std::size_t i = 0; i < lookups.size(); ++i)
            out += (i ? "," : "") + lookups[i];
        out += "]";
        break;
    }
    case Kind::Int: out += "I" + intDigits; break;
    case Kind::Float: out += "F" + pyFloatRepr(floatValue); break;
    case Kind::String: out += "S" + urls::pyRepr(string); break;
    }
    return out;
}

} // namespace pipelab::django::templates
