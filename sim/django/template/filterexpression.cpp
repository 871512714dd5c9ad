// FilterExpression: filter_re's three alternatives matched by hand, leftmost first, as
// re.finditer() walks them.
#include "sim/django/template/filterexpression.h"

#include "sim/django/template/filters.h"
#include "sim/django/template/filtersignature.h"
#include "sim/django/template/templatesyntaxerror.h"
#include "sim/django/urls/pythonrepr.h"

#include <fmt/format.h>

namespace pipelab::django::templates {

namespace {

bool isWord(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u >= 0x80;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// A quoted body "[^"\\]*(?:\\.[^"\\]*)*" + closing quote, from s[i] == quote.
std::optional<std::size_t> quoted(std::string_view s, std::size_t i)
{
    if (i >= s.size() || (s[i] != '"' && s[i] != '\''))
        return std::nullopt;
    const char q = s[i];
    for (std::size_t j = i + 1; j < s.size(); ++j) {
        if (s[j] == '\\') {
            if (j + 1 >= s.size() || s[j + 1] == '\n')
                return std::nullopt;
            ++j;
            continue;
        }
        if (s[j] == q)
            return j + 1;
    }
    return std::nullopt;
}

// constant_string: _("...") | _('...') | "..." | '...'; the end index or nullopt.
std::optional<std::size_t> constant(std::string_view s, std::size_t i)
{
    if (s.substr(i, 2) == "_(") {
        if (const auto e = quoted(s, i + 2); e && *e < s.size() && s[*e] == ')')
            return *e + 1;
    }
    return quoted(s, i);
}

// [\w\.]+ | [-+\.]?\d[\d\.e]*
std::optional<std::size_t> varChars(std::string_view s, std::size_t i)
{
    std::size_t j = i;
    while (j < s.size() && (isWord(s[j]) || s[j] == '.'))
        ++j;
    if (j > i)
        return j;
    j = i;
    if (j < s.size() && (s[j] == '-' || s[j] == '+' || s[j] == '.'))
        ++j;
    if (j >= s.size() || !isDigit(s[j]))
        return std::nullopt;
    ++j;
    while (j < s.size() && (isDigit(s[j]) || s[j] == '.' || s[j] == 'e'))
        ++j;
    return j;
}

struct Match {
    std::size_t start = 0;
    std::size_t end = 0;
    enum class Kind { Constant, Var, Filter } kind = Kind::Var;
    std::string_view text;        // constant or var
    std::string_view filterName;
    std::optional<std::string_view> constantArg;
    std::optional<std::string_view> varArg;
};

std::optional<Match> matchAt(std::string_view s, std::size_t p)
{
    if (p == 0) {
        if (const auto e = constant(s, 0))
            return Match{0, *e, Match::Kind::Constant, s.substr(0, *e), {}, {}, {}};
        if (const auto e = varChars(s, 0))
            return Match{0, *e, Match::Kind::Var, s.substr(0, *e), {}, {}, {}};
    }
    std::size_t j = p;
    while (j < s.size() && isSpace(s[j]))
        ++j;
    if (j >= s.size() || s[j] != '|')
        return std::nullopt;
    ++j;
    while (j < s.size() && isSpace(s[j]))
        ++j;
    const std::size_t nameStart = j;
    while (j < s.size() && isWord(s[j]))
        ++j;
    if (j == nameStart)
        return std::nullopt;
    Match m{p, j, Match::Kind::Filter, {}, s.substr(nameStart, j - nameStart), {}, {}};
    if (j < s.size() && s[j] == ':') {
        if (const auto e = constant(s, j + 1)) {
            m.constantArg = s.substr(j + 1, *e - j - 1);
            m.end = *e;
        } else if (const auto e2 = varChars(s, j + 1)) {
            m.varArg = s.substr(j + 1, *e2 - j - 1);
            m.end = *e2;
        }
    }
    return m;
}

} // namespace

FilterExpression FilterExpression::parse(std::string_view token)
{
    FilterExpression fe;
    fe.token = std::string(token);
    bool haveVar = false;
    std::size_t upto = 0;
    std::size_t p = 0;
    while (p < token.size()) {
        const auto match = matchAt(token, p);
        if (!match) {
            // Every start inside a run of whitespace reaches the same next character and fails
            // the same way: skip the run, keeping the scan linear.
            if (isSpace(token[p]))
                while (p < token.size() && isSpace(token[p]))
                    ++p;
            else
                ++p;
            continue;
        }
        if (upto != match->start)
            throw TemplateSyntaxError(fmt::format("Could not parse some characters: {}|{}|{}", token.substr(0, upto),
                                                  token.substr(upto, match->start - upto),
                                                  token.substr(match->start)));
        if (!haveVar) {
            if (match->kind == Match::Kind::Constant)
                fe.var = Variable::constant(match->text);
            else if (match->kind == Match::Kind::Var)
                fe.var = Variable::parse(match->text);
            else
                throw TemplateSyntaxError(fmt::format("Could not find variable at start of {}.", token));
            haveVar = true;
        } else {
            FilterCall call;
            call.name = std::string(match->filterName);
            if (match->constantArg) {
                call.arg = Variable::constant(*match->constantArg);
                call.argIsConstant = true;
            } else if (match->varArg) {
                call.arg = Variable::parse(*match->varArg);
            }
            const auto signature = FilterSignature::builtin(call.name);
            if (!signature)
                throw TemplateSyntaxError(fmt::format("Invalid filter: '{}'", call.name));
            const int provided = call.arg ? 2 : 1;
            if (provided < signature->args - signature->defaults || provided > signature->args)
                throw TemplateSyntaxError(fmt::format("{} requires {} arguments, {} provided", call.name,
                                                      signature->args - signature->defaults, provided));
            if (!Filters::isSimulated(call.name))
                throw TemplateSyntaxError(fmt::format("The '{}' filter is not simulated by PipeLab", call.name));
            fe.filters.push_back(std::move(call));
        }
        upto = p = match->end;
    }
    if (upto != token.size())
        throw TemplateSyntaxError(
            fmt::format("Could not parse the remainder: '{}' from '{}'", token.substr(upto), token));
    return fe;
}

std::string FilterExpression::dump() const
{
    std::string out = var.dump();
    for (const auto& f : filters) {
        out += "|" + f.name;
        if (f.arg) {
            if (f.argIsConstant)
                out += ":S" + urls::pyRepr(f.arg->string);
            else
                out += ":" + f.arg->dump();
        }
    }
    return out;
}

} // namespace pipelab::django::templates
