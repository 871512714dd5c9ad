// Token helpers: smart_split() by hand, following smart_split_re's alternatives exactly.
#include "sim/django/template/token.h"

namespace pipelab::django::templates {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool isQuote(char c)
{
    return c == '"' || c == '\'';
}

// A quoted string starting at text[i]: the index after its closing quote, or npos if unclosed.
std::size_t quotedEnd(std::string_view text, std::size_t i)
{
    const char quote = text[i];
    for (std::size_t j = i + 1; j < text.size(); ++j) {
        if (text[j] == '\\') {
            ++j;
            continue;
        }
        if (text[j] == quote)
            return j + 1;
    }
    return std::string_view::npos;
}

} // namespace

std::string_view strip(std::string_view text)
{
    std::size_t a = 0;
    std::size_t b = text.size();
    while (a < b && isSpace(text[a]))
        ++a;
    while (b > a && isSpace(text[b - 1]))
        --b;
    return text.substr(a, b - a);
}

std::vector<std::string> whitespaceSplit(std::string_view text)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && isSpace(text[i]))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && !isSpace(text[i]))
            ++i;
        if (i > start)
            out.emplace_back(text.substr(start, i - start));
    }
    return out;
}

// smart_split_re: ((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+)|\S+)
std::vector<std::string> smartSplit(std::string_view text)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (isSpace(text[i])) {
            ++i;
            continue;
        }
        // First alternative: runs of plain characters around at least one complete quoted string.
        std::size_t j = i;
        while (j < text.size() && !isSpace(text[j]) && !isQuote(text[j]))
            ++j;
        std::size_t end = std::string_view::npos;
        while (j < text.size() && isQuote(text[j])) {
            const std::size_t q = quotedEnd(text, j);
            if (q == std::string_view::npos)
                break;
            j = q;
            while (j < text.size() && !isSpace(text[j]) && !isQuote(text[j]))
                ++j;
            end = j;
        }
        if (end == std::string_view::npos) {
            // Second alternative: \S+.
            end = i;
            while (end < text.size() && !isSpace(text[end]))
                ++end;
        }
        out.emplace_back(text.substr(i, end - i));
        i = end;
    }
    return out;
}

std::vector<std::string> Token::splitContents() const
{
    std::vector<std::string> split;
    const auto bits = smartSplit(contents);
    for (std::size_t i = 0; i < bits.size(); ++i) {
        std::string bit = bits[i];
        if (bit.rfind("_(\"", 0) == 0 || bit.rfind("_('", 0) == 0) {
            const std::string sentinel = std::string(1, bit[2]) + ")";
            auto endsWith = [&](const std::string& s) {
                return s.size() >= sentinel.size() && s.compare(s.size() - sentinel.size(), sentinel.size(), sentinel) == 0;
            };
            std::string joined = bit;
            while (!endsWith(bit) && i + 1 < bits.size()) {
                bit = bits[++i];
                joined += " " + bit;
            }
            bit = joined;
        }
        split.push_back(bit);
    }
    return split;
}

std::vector<std::string> Token::split() const
{
    return whitespaceSplit(contents);
}

} // namespace pipelab::django::templates
