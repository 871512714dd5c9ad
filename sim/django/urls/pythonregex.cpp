// PythonRegex: Python `re` syntax translated to RE2 and matched in linear time.
#include "sim/django/urls/pythonregex.h"

#include "sim/django/urls/urlerror.h"

#include <fmt/format.h>
#include <re2/re2.h>

namespace pipelab::django::urls {

namespace {

// Python's Unicode classes for str patterns, written with RE2's Unicode properties.
constexpr std::string_view kWordInner = "\\p{L}\\p{N}_";
constexpr std::string_view kSpaceInner = "\\t\\n\\v\\f\\r\\x1c-\\x1f\\x{85}\\p{Z}";

[[noreturn]] void unsupported(std::string_view pattern, std::string_view what)
{
    throw UrlError(UrlError::Kind::ImproperlyConfigured,
                   fmt::format("\"{}\" is not a valid regular expression: {} is not supported (URL patterns run on "
                               "RE2, which matches in linear time and has no backtracking)",
                               pattern, what));
}

[[noreturn]] void invalid(std::string_view pattern, std::string_view why)
{
    throw UrlError(UrlError::Kind::ImproperlyConfigured,
                   fmt::format("\"{}\" is not a valid regular expression: {}", pattern, why));
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Translates one escape starting at pattern[i] == '\\'; returns the index after it.
std::size_t translateEscape(std::string_view pattern, std::size_t i, bool inClass, std::string& out)
{
    if (i + 1 >= pattern.size())
        invalid(pattern, fmt::format("bad escape (end of pattern) at position {}", i));
    const char c = pattern[i + 1];
    switch (c) {
    case 'd': out += "\\p{Nd}"; return i + 2;
    case 'D': out += "\\P{Nd}"; return i + 2;
    case 'w':
        out += inClass ? std::string(kWordInner) : fmt::format("[{}]", kWordInner);
        return i + 2;
    case 's':
        out += inClass ? std::string(kSpaceInner) : fmt::format("[{}]", kSpaceInner);
        return i + 2;
    case 'W':
        if (inClass)
            out += "\\W"; // a negated class cannot nest inside a class; ASCII meaning
        else
            out += fmt::format("[^{}]", kWordInner);
        return i + 2;
    case 'S':
        if (inClass)
            out += "\\S";
        else
            out += fmt::format("[^{}]", kSpaceInner);
        return i + 2;
    case 'Z':
        if (inClass)
            invalid(pattern, fmt::format("bad escape \\Z at position {}", i));
        out += "\\z";
        return i + 2;
    case 'N':
        unsupported(pattern, "the named Unicode escape \\N{...}");
    case 'u':
    case 'U': {
        const std::size_t width = c == 'u' ? 4 : 8;
        if (i + 2 + width > pattern.size())
            invalid(pattern, fmt::format("incomplete escape \\{} at position {}", c, i));
        out += "\\x{";
        out += pattern.substr(i + 2, width);
        out += '}';
        return i + 2 + width;
    }
    default:
        break;
    }
    if (isDigit(c) && c != '0') {
        // \1..\99 is a backreference unless it is a three-digit octal escape.
        const bool octal = i + 3 < pattern.size() && c <= '7' && pattern[i + 2] >= '0' && pattern[i + 2] <= '7' &&
                           pattern[i + 3] >= '0' && pattern[i + 3] <= '7';
        if (!octal) {
            std::size_t end = i + 2;
            if (end < pattern.size() && isDigit(pattern[end]))
                ++end;
            unsupported(pattern, fmt::format("the backreference {}", pattern.substr(i, end - i)));
        }
    }
    out += pattern.substr(i, 2);
    return i + 2;
}

// Copies a character class starting at pattern[i] == '['; returns the index after its ']'.
std::size_t translateClass(std::string_view pattern, std::size_t i, std::string& out)
{
    const std::size_t start = i;
    out += '[';
    ++i;
    if (i < pattern.size() && pattern[i] == '^') {
        out += '^';
        ++i;
    }
    // A ']' first in the set is a literal in Python.
    if (i < pattern.size() && pattern[i] == ']') {
        out += "\\]";
        ++i;
    }
    while (i < pattern.size()) {
        const char c = pattern[i];
        if (c == ']') {
            out += ']';
            return i + 1;
        }
        if (c == '\\') {
            i = translateEscape(pattern, i, true, out);
            continue;
        }
        if (c == '[') {
            out += "\\["; // Python reads a nested '[' as a literal
            ++i;
            continue;
        }
        out += c;
        ++i;
    }
    invalid(pattern, fmt::format("unterminated character set at position {}", start));
}

// Translates the text after "(?" at pattern[i]; returns the index to continue from.
std::size_t translateGroupPrefix(std::string_view pattern, std::size_t i, std::string& out, int& depth)
{
    if (i >= pattern.size())
        invalid(pattern, "unexpected end of pattern");
    const char c = pattern[i];
    if (c == 'P') {
        if (i + 1 < pattern.size() && pattern[i + 1] == '<') {
            const std::size_t close = pattern.find('>', i + 2);
            if (close == std::string_view::npos)
                invalid(pattern, fmt::format("missing >, unterminated name at position {}", i + 2));
            out += "(?P<";
            out += pattern.substr(i + 2, close - i - 2);
            out += '>';
            ++depth;
            return close + 1;
        }
        if (i + 1 < pattern.size() && pattern[i + 1] == '=') {
            const std::size_t close = pattern.find(')', i);
            unsupported(pattern, fmt::format("the named backreference (?{}",
                                             pattern.substr(i, close == std::string_view::npos ? std::string_view::npos
                                                                                               : close - i + 1)));
        }
        invalid(pattern, fmt::format("unknown extension ?P{} at position {}", pattern.substr(i + 1, 1), i - 1));
    }
    if (c == ':') {
        out += "(?:";
        ++depth;
        return i + 1;
    }
    if (c == '=')
        unsupported(pattern, "the lookahead assertion (?=...)");
    if (c == '!')
        unsupported(pattern, "the negative lookahead assertion (?!...)");
    if (c == '<') {
        if (i + 1 < pattern.size() && pattern[i + 1] == '=')
            unsupported(pattern, "the lookbehind assertion (?<=...)");
        if (i + 1 < pattern.size() && pattern[i + 1] == '!')
            unsupported(pattern, "the negative lookbehind assertion (?<!...)");
        invalid(pattern, fmt::format("unknown extension ?<{} at position {}", pattern.substr(i + 1, 1), i - 1));
    }
    if (c == '(')
        unsupported(pattern, "the conditional group (?(...)...)");
    if (c == '>')
        unsupported(pattern, "the atomic group (?>...)");
    if (c == '#') {
        const std::size_t close = pattern.find(')', i);
        if (close == std::string_view::npos)
            invalid(pattern, "missing ), unterminated comment");
        return close + 1; // a comment group vanishes
    }
    // Inline flags: (?aiLmsux) or (?flags-flags:...).
    std::string flags;
    std::size_t j = i;
    while (j < pattern.size() && pattern[j] != ')' && pattern[j] != ':') {
        const char f = pattern[j];
        switch (f) {
        case 'i':
        case 'm':
        case 's':
        case '-':
            flags += f;
            break;
        case 'u':
            break; // Unicode matching is already the default for str patterns
        case 'x':
            unsupported(pattern, "the verbose flag (?x)");
        case 'a':
            unsupported(pattern, "the ASCII flag (?a)");
        case 'L':
            unsupported(pattern, "the locale flag (?L)");
        default:
            invalid(pattern, fmt::format("unknown extension ?{} at position {}", f, i - 1));
        }
        ++j;
    }
    if (j >= pattern.size())
        invalid(pattern, "missing -, : or )");
    if (pattern[j] == ':') {
        out += flags.empty() ? "(?:" : "(?" + flags + ":";
        ++depth;
    } else if (!flags.empty()) {
        out += "(?" + flags + ")";
    }
    return j + 1;
}

} // namespace

std::string PythonRegex::translate(std::string_view pattern, Mode mode)
{
    std::string out;
    out.reserve(pattern.size() + 16);
    int depth = 0;
    bool afterQuantifier = false;
    std::size_t i = 0;
    while (i < pattern.size()) {
        const char c = pattern[i];
        const bool wasQuantifier = afterQuantifier;
        afterQuantifier = false;
        switch (c) {
        case '\\':
            i = translateEscape(pattern, i, false, out);
            break;
        case '[':
            i = translateClass(pattern, i, out);
            break;
        case '(':
            if (i + 1 < pattern.size() && pattern[i + 1] == '?') {
                i = translateGroupPrefix(pattern, i + 2, out, depth);
            } else {
                out += '(';
                ++depth;
                ++i;
            }
            break;
        case ')':
            if (depth == 0)
                invalid(pattern, fmt::format("unbalanced parenthesis at position {}", i));
            --depth;
            out += ')';
            ++i;
            break;
        case '$':
            // Python's $ also matches before a final newline; fullmatch must still reach the end.
            out += mode == Mode::FullMatch ? "\\z" : "(?:\\n?\\z)";
            ++i;
            break;
        case '*':
        case '+':
        case '?':
        case '}':
            if (c == '+' && wasQuantifier)
                unsupported(pattern, "the possessive quantifier " + std::string(pattern.substr(i - 1, 2)));
            out += c;
            ++i;
            // A '?' after a quantifier makes it lazy; a '+' would make it possessive.
            afterQuantifier = !(c == '?' && wasQuantifier);
            break;
        default:
            out += c;
            ++i;
            break;
        }
    }
    if (depth != 0)
        invalid(pattern, fmt::format("missing ), unterminated subpattern at position {}", pattern.size()));
    return out;
}

PythonRegex::PythonRegex(std::string_view pattern, Mode mode) : pattern_(pattern), mode_(mode)
{
    if (pattern.size() > kMaxPatternLength)
        throw UrlError(UrlError::Kind::ImproperlyConfigured,
                       fmt::format("URL pattern is {} characters long: regex too complex (the limit is {})",
                                   pattern.size(), kMaxPatternLength));
    translated_ = translate(pattern, mode);
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(kMaxProgramMemory);
    auto re = std::make_shared<const RE2>(translated_, options);
    if (!re->ok()) {
        const auto code = re->error_code();
        if (code == RE2::ErrorPatternTooLarge || code == RE2::ErrorRepeatSize)
            invalid(pattern, "regex too complex (" + re->error() + ")");
        invalid(pattern, re->error());
    }
    groupNames_.assign(static_cast<std::size_t>(re->NumberOfCapturingGroups()), std::string());
    for (const auto& [name, index] : re->NamedCapturingGroups())
        groupNames_[static_cast<std::size_t>(index - 1)] = name;
    re_ = std::move(re);
}

bool PythonRegex::hasNamedGroups() const
{
    for (const auto& name : groupNames_)
        if (!name.empty())
            return true;
    return false;
}

std::optional<PythonRegex::Match> PythonRegex::match(std::string_view text) const
{
    // A participating empty group is told from a missing one by a non-null pointer.
    if (text.data() == nullptr)
        text = std::string_view("", 0);
    const std::size_t n = groupNames_.size() + 1;
    std::vector<re2::StringPiece> pieces(n);
    const auto anchor = mode_ == Mode::FullMatch ? RE2::ANCHOR_BOTH : RE2::UNANCHORED;
    if (!re_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), anchor, pieces.data(),
                    static_cast<int>(n)))
        return std::nullopt;
    Match m;
    m.start = static_cast<std::size_t>(pieces[0].data() - text.data());
    m.end = m.start + pieces[0].size();
    m.groups.resize(n);
    for (std::size_t g = 1; g < n; ++g)
        if (pieces[g].data() != nullptr)
            m.groups[g] = std::string(pieces[g].data(), pieces[g].size());
    return m;
}

std::string PythonRegex::escape(std::string_view text)
{
    static constexpr std::string_view kSpecial = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f";
    std::string out;
    out.reserve(text.size() * 2);
    for (const char c : text) {
        if (kSpecial.find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace pipelab::django::urls
