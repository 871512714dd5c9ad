// The html/text helpers, byte-wise over UTF-8 (every character they treat specially is ASCII).
#include "sim/django/template/html.h"

#include <fmt/format.h>

#include <cctype>

namespace pipelab::django::templates::html {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isAlnum(char c)
{
    return isAlpha(c) || (c >= '0' && c <= '9');
}

// One pass of HTMLParser with handle_data/entityref/charref kept: tags, end tags, comments,
// declarations and processing instructions are dropped; an unfinished construct stays as text.
std::string stripOnce(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c != '<' || i + 1 >= s.size()) {
            out += c;
            ++i;
            continue;
        }
        const char n = s[i + 1];
        std::size_t end = std::string_view::npos;
        if (isAlpha(n) || (n == '/' && i + 2 < s.size() && isAlpha(s[i + 2]))) {
            // Attribute values may contain '>' inside quotes.
            char quoteChar = 0;
            for (std::size_t j = i + 1; j < s.size(); ++j) {
                if (quoteChar) {
                    if (s[j] == quoteChar)
                        quoteChar = 0;
                } else if (s[j] == '"' || s[j] == '\'') {
                    quoteChar = s[j];
                } else if (s[j] == '>') {
                    end = j + 1;
                    break;
                }
            }
        } else if (s.substr(i, 4) == "<!--") {
            const std::size_t close = s.find("-->", i + 4);
            if (close != std::string_view::npos)
                end = close + 3;
        } else if (n == '!' || n == '?' || n == '/') {
            const std::size_t close = s.find('>', i + 2);
            if (close != std::string_view::npos)
                end = close + 1;
        } else {
            out += c;
            ++i;
            continue;
        }
        if (end == std::string_view::npos) {
            out.append(s.substr(i));
            break;
        }
        i = end;
    }
    return out;
}

std::size_t countChar(std::string_view s, char c)
{
    std::size_t n = 0;
    for (char x : s)
        n += x == c;
    return n;
}

} // namespace

void appendEscaped(std::string& out, std::string_view text)
{
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#x27;"; break;
        default: out += c;
        }
    }
}

std::string escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 8);
    appendEscaped(out, text);
    return out;
}

std::string normalizeNewlines(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string linebreaks(std::string_view text, bool autoescape)
{
    const std::string value = normalizeNewlines(text);
    std::string out;
    std::size_t start = 0;
    bool first = true;
    auto para = [&](std::string_view p) {
        if (!first)
            out += "\n\n";
        first = false;
        out += "<p>";
        const std::string body = autoescape ? escape(p) : std::string(p);
        for (char c : body) {
            if (c == '\n')
                out += "<br>";
            else
                out += c;
        }
        out += "</p>";
    };
    std::size_t i = 0;
    while (i < value.size()) {
        if (value[i] == '\n' && i + 1 < value.size() && value[i + 1] == '\n') {
            std::size_t j = i;
            while (j < value.size() && value[j] == '\n')
                ++j;
            para(std::string_view(value).substr(start, i - start));
            start = i = j;
        } else {
            ++i;
        }
    }
    para(std::string_view(value).substr(start));
    return out;
}

std::string stripTags(std::string_view text)
{
    std::string value(text);
    while (value.find('<') != std::string::npos && value.find('>') != std::string::npos) {
        std::string next = stripOnce(value);
        if (countChar(next, '<') == countChar(value, '<'))
            break;
        value = std::move(next);
    }
    return value;
}

std::string stripSpacesBetweenTags(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '>') {
            std::size_t j = i + 1;
            while (j < text.size() && isSpace(text[j]))
                ++j;
            if (j > i + 1 && j < text.size() && text[j] == '<') {
                out += "><";
                i = j + 1;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

std::string quote(std::string_view text, std::string_view safe)
{
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (isAlnum(c) || c == '_' || c == '.' || c == '-' || c == '~' || (u < 0x80 && safe.find(c) != std::string_view::npos))
            out += c;
        else
            out += fmt::format("%{:02X}", u);
    }
    return out;
}

std::string slugify(std::string_view text)
{
    // re.sub(r'[^\w\s-]', '', value.lower())
    std::string kept;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80)
            continue;
        const char l = static_cast<char>(std::tolower(u));
        if (isAlnum(l) || l == '_' || isSpace(l) || l == '-')
            kept += l;
    }
    // re.sub(r'[-\s]+', '-', value)
    std::string out;
    for (std::size_t i = 0; i < kept.size();) {
        if (kept[i] == '-' || isSpace(kept[i])) {
            while (i < kept.size() && (kept[i] == '-' || isSpace(kept[i])))
                ++i;
            out += '-';
        } else {
            out += kept[i++];
        }
    }
    // .strip('-_')
    const std::size_t a = out.find_first_not_of("-_");
    const std::size_t b = out.find_last_not_of("-_");
    return a == std::string::npos ? std::string() : out.substr(a, b - a + 1);
}

std::string escapejs(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (u < 32) {
            out += fmt::format("\\u{:04X}", u);
            continue;
        }
        switch (text[i]) {
        case '\\': out += "\\u005C"; break;
        case '\'': out += "\\u0027"; break;
        case '"': out += "\\u0022"; break;
        case '>': out += "\\u003E"; break;
        case '<': out += "\\u003C"; break;
        case '&': out += "\\u0026"; break;
        case '=': out += "\\u003D"; break;
        case '-': out += "\\u002D"; break;
        case ';': out += "\\u003B"; break;
        case '`': out += "\\u0060"; break;
        default:
            // U+2028 / U+2029 are E2 80 A8 / E2 80 A9 in UTF-8.
            if (u == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
                out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else {
                out += text[i];
            }
        }
    }
    return out;
}

std::string addslashes(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '"' || c == '\'')
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace pipelab::django::templates::html
