// Python repr() for the few shapes Django's URL messages print.
#include "sim/django/urls/pythonrepr.h"

#include <fmt/format.h>

namespace pipelab::django::urls {

std::string pyRepr(std::string_view s)
{
    const bool hasSingle = s.find('\'') != std::string_view::npos;
    const bool hasDouble = s.find('"') != std::string_view::npos;
    const char quote = (hasSingle && !hasDouble) ? '"' : '\'';
    std::string out;
    out.reserve(s.size() + 2);
    out += quote;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\\') {
            out += "\\\\";
        } else if (c == static_cast<unsigned char>(quote)) {
            out += '\\';
            out += quote;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", c);
        } else if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0xa0) {
            // U+0080..U+00A0 are not printable in CPython's repr.
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i + 1]));
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += quote;
    return out;
}

std::string pyListRepr(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i != 0)
            out += ", ";
        out += pyRepr(items[i]);
    }
    out += ']';
    return out;
}

std::string pyTupleRepr(const std::vector<std::string>& itemReprs)
{
    std::string out = "(";
    for (std::size_t i = 0; i < itemReprs.size(); ++i) {
        if (i != 0)
            out += ", ";
        out += itemReprs[i];
    }
    if (itemReprs.size() == 1)
        out += ',';
    out += ')';
    return out;
}

bool isPyIdentifier(std::string_view s)
{
    if (s.empty())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        const bool digit = c >= '0' && c <= '9';
        if (!(letter || (digit && i != 0)))
            return false;
    }
    return true;
}

} // namespace pipelab::django::urls
