// QuerySetExpression (see querysetexpression.h).
#include "sim/django/analysis/querysetexpression.h"

#include "sim/django/analysis/scenariocode.h"

#include <algorithm>
#include <array>

namespace pipelab::django::analysis {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

std::string quoted(std::string_view lookup)
{
    return "\"" + std::string(lookup) + "\"";
}

} // namespace

std::size_t skipStringLiteral(std::string_view text, std::size_t at)
{
    const char quote = text[at];
    for (std::size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == quote)
            return i + 1;
    }
    return std::string_view::npos;
}

std::size_t matchingBracket(std::string_view text, std::size_t open)
{
    int depth = 0;
    for (std::size_t i = open; i < text.size();) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            i = skipStringLiteral(text, i);
            if (i == std::string_view::npos)
                return i;
            continue;
        }
        if (c == '(' || c == '[' || c == '{')
            ++depth;
        else if ((c == ')' || c == ']' || c == '}') && --depth == 0)
            return i;
        ++i;
    }
    return std::string_view::npos;
}

std::vector<CallArgument> splitArguments(std::string_view text, std::size_t open, std::size_t close)
{
    std::vector<CallArgument> args;
    std::size_t start = open + 1;
    const auto finish = [&](std::size_t end) {
        std::size_t b = start;
        std::size_t e = end;
        while (b < e && isSpace(text[b]))
            ++b;
        while (e > b && isSpace(text[e - 1]))
            --e;
        if (b == e)
            return;
        CallArgument arg{b, e, std::nullopt};
        if ((text[b] == '"' || text[b] == '\'') && skipStringLiteral(text, b) == e
            && text.substr(b + 1, e - b - 2).find('\\') == std::string_view::npos)
            arg.literal = std::string(text.substr(b + 1, e - b - 2));
        args.push_back(arg);
    };
    for (std::size_t i = open + 1; i < close;) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            i = std::min(skipStringLiteral(text, i), close);
        } else if (c == '(' || c == '[' || c == '{') {
            i = std::min(matchingBracket(text, i), close) + 1;
        } else if (c == ',') {
            finish(i);
            start = ++i;
        } else {
            ++i;
        }
    }
    finish(close);
    return args;
}

std::vector<QuerySetExpression> QuerySetExpression::find(std::string_view line, std::string_view model)
{
    std::vector<QuerySetExpression> out;
    static constexpr std::string_view kManager = ".objects";
    for (std::size_t at = line.find(kManager); at != std::string_view::npos; at = line.find(kManager, at + 1)) {
        const std::size_t after = at + kManager.size();
        if (after < line.size() && isIdentifierChar(line[after]))
            continue;
        std::size_t begin = at;
        while (begin > 0 && isIdentifierChar(line[begin - 1]))
            --begin;
        if (begin == at || (begin > 0 && line[begin - 1] == '.'))
            continue;
        const std::string_view name = line.substr(begin, at - begin);
        if (!model.empty() && name != model)
            continue;

        QuerySetExpression e;
        e.model_ = std::string(name);
        e.begin_ = begin;
        std::size_t i = after;
        bool closed = true;
        while (i < line.size() && line[i] == '.') {
            std::size_t j = i + 1;
            while (j < line.size() && isIdentifierChar(line[j]))
                ++j;
            if (j == i + 1 || j >= line.size() || line[j] != '(')
                break;
            const std::size_t close = matchingBracket(line, j);
            if (close == std::string_view::npos) {
                closed = false;
                break;
            }
            e.calls_.push_back({std::string(line.substr(i + 1, j - i - 1)), i, j, close, splitArguments(line, j, close)});
            i = close + 1;
        }
        if (!closed)
            continue;
        e.end_ = i;
        out.push_back(std::move(e));
    }
    return out;
}

const QuerySetCall* QuerySetExpression::call(std::string_view name) const
{
    for (auto it = calls_.rbegin(); it != calls_.rend(); ++it)
        if (it->name == name)
            return &*it;
    return nullptr;
}

bool QuerySetExpression::yieldsInstances() const
{
    static constexpr std::array<std::string_view, 17> kTerminal = {
        "get", "count", "exists", "first", "last", "aggregate", "create", "get_or_create",
        "update_or_create", "update", "delete", "values", "values_list", "in_bulk", "bulk_create",
        "earliest", "latest"};
    return calls_.empty() || std::find(kTerminal.begin(), kTerminal.end(), calls_.back().name) == kTerminal.end();
}

std::optional<std::string> QuerySetExpression::withLookup(std::string_view line, std::string_view method,
                                                          std::string_view lookup) const
{
    std::string out(line);
    if (const QuerySetCall* c = call(method)) {
        if (c->arguments.empty())
            return std::nullopt;
        for (const CallArgument& a : c->arguments)
            if (a.literal == lookup)
                return std::nullopt;
        out.insert(c->arguments.back().end, ", " + quoted(lookup));
        return out;
    }
    out.insert(end_, "." + std::string(method) + "(" + quoted(lookup) + ")");
    return out;
}

std::optional<std::string> QuerySetExpression::withoutLookup(std::string_view line, std::string_view method,
                                                             std::string_view lookup) const
{
    const QuerySetCall* c = call(method);
    if (!c)
        return std::nullopt;
    for (std::size_t k = 0; k < c->arguments.size(); ++k) {
        if (c->arguments[k].literal != lookup)
            continue;
        std::string out(line);
        if (c->arguments.size() == 1 && calls_.size() == 1)
            out.replace(c->dot, c->close + 1 - c->dot, ".all()"); // a bare Manager is not iterable
        else if (c->arguments.size() == 1)
            out.erase(c->dot, c->close + 1 - c->dot);
        else if (k + 1 < c->arguments.size())
            out.erase(c->arguments[k].begin, c->arguments[k + 1].begin - c->arguments[k].begin);
        else
            out.erase(c->arguments[k - 1].end, c->arguments[k].end - c->arguments[k - 1].end);
        return out;
    }
    return std::nullopt;
}

} // namespace pipelab::django::analysis
