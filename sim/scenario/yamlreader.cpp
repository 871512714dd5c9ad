// YamlReader: core-schema scalar resolution, typed reads with range checks, block positions.
#include "sim/scenario/yamlreader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace pipelab::scenario {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool allOf(std::string_view s, bool (*pred)(char))
{
    return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

bool isOctalDigit(char c) { return c >= '0' && c <= '7'; }
bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool isCoreFloat(std::string_view s)
{
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
        ++i;
    std::size_t intDigits = 0;
    while (i < s.size() && isDigit(s[i])) {
        ++i;
        ++intDigits;
    }
    std::size_t fracDigits = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && isDigit(s[i])) {
            ++i;
            ++fracDigits;
        }
    }
    if (intDigits == 0 && fracDigits == 0)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+'))
            ++i;
        std::size_t expDigits = 0;
        while (i < s.size() && isDigit(s[i])) {
            ++i;
            ++expDigits;
        }
        if (expDigits == 0)
            return false;
    }
    return i == s.size();
}

enum class PlainType { Null, Bool, Int, Float, String };

PlainType classify(std::string_view s)
{
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return PlainType::Null;
    if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
        return PlainType::Bool;
    std::string_view digits = s;
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+'))
        digits.remove_prefix(1);
    if (allOf(digits, isDigit))
        return PlainType::Int;
    if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && allOf(s.substr(2), isOctalDigit))
        return PlainType::Int;
    if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && allOf(s.substr(2), isHexDigit))
        return PlainType::Int;
    if (isCoreFloat(s))
        return PlainType::Float;
    static constexpr std::string_view special[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
                                                   "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
    if (std::find(std::begin(special), std::end(special), s) != std::end(special))
        return PlainType::Float;
    return PlainType::String;
}

std::optional<std::int64_t> parseInt(std::string_view s)
{
    int base = 10;
    bool negative = false;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        base = s[1] == 'o' ? 8 : 16;
        s.remove_prefix(2);
    } else if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    // Parse the magnitude unsigned so that -9223372036854775808 fits.
    std::uint64_t magnitude = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (negative) {
        if (magnitude > max + 1)
            return std::nullopt;
        return magnitude == max + 1 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(magnitude);
    }
    if (magnitude > max)
        return std::nullopt;
    return static_cast<std::int64_t>(magnitude);
}

double parseFloat(std::string_view s)
{
    if (s.find("inf") != std::string_view::npos || s.find("Inf") != std::string_view::npos ||
        s.find("INF") != std::string_view::npos)
        return s[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (s.find("nan") != std::string_view::npos || s.find("NaN") != std::string_view::npos ||
        s.find("NAN") != std::string_view::npos)
        return std::numeric_limits<double>::quiet_NaN();
    if (s[0] == '+')
        s.remove_prefix(1);
    double value = 0;
    // from_chars is locale-independent (a GUI may have set LC_NUMERIC to a comma locale).
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc::result_out_of_range)
        return s[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    (void)end;
    return value;
}

} // namespace

std::string formatNumber(double value)
{
    if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15)
        return fmt::format("{}", static_cast<std::int64_t>(value));
    return fmt::format("{}", value);
}

std::string countOf(std::int64_t n, std::string_view noun)
{
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

YamlReader::YamlReader(std::string_view text, std::string fileName, std::vector<Diagnostic>& diagnostics)
    : m_text(text), m_fileName(std::move(fileName)), m_diagnostics(diagnostics)
{
}

void YamlReader::error(SourcePos pos, std::string message)
{
    m_diagnostics.push_back({Diagnostic::Severity::Error, m_fileName, pos, std::move(message)});
}

void YamlReader::warning(SourcePos pos, std::string message)
{
    m_diagnostics.push_back({Diagnostic::Severity::Warning, m_fileName, pos, std::move(message)});
}

std::string YamlReader::typeName(const YamlNode& node)
{
    switch (node.kind) {
    case YamlNode::Kind::Null:
        return "null";
    case YamlNode::Kind::Sequence:
        return "list";
    case YamlNode::Kind::Mapping:
        return "mapping";
    case YamlNode::Kind::Invalid:
        return "invalid";
    case YamlNode::Kind::Scalar:
        break;
    }
    if (!node.plain)
        return "string";
    switch (classify(node.value)) {
    case PlainType::Null:
        return "null";
    case PlainType::Bool:
        return "boolean";
    case PlainType::Int:
        return "integer";
    case PlainType::Float:
        return "float";
    case PlainType::String:
        break;
    }
    return "string";
}

void YamlReader::typeError(const YamlNode& node, std::string_view what, std::string_view expected)
{
    if (node.isInvalid())
        return;
    error(node.pos, fmt::format("{} must be {}, got {}", what, expected, typeName(node)));
}

std::optional<Scalar> YamlReader::scalar(const YamlNode& node, std::string_view what)
{
    // Each value is built in place: GCC 12 warns (falsely) about moving a temporary variant
    // into the optional when sanitizers are on.
    if (node.isNull())
        return std::make_optional<Scalar>(Null{});
    if (!node.isScalar())
        return std::nullopt;
    if (!node.plain)
        return std::make_optional<Scalar>(node.value);
    switch (classify(node.value)) {
    case PlainType::Null:
        return std::make_optional<Scalar>(Null{});
    case PlainType::Bool:
        return std::make_optional<Scalar>(node.value[0] == 't' || node.value[0] == 'T');
    case PlainType::Int:
        if (auto value = parseInt(node.value))
            return std::make_optional<Scalar>(*value);
        error(node.pos, fmt::format("{}: integer {} is out of range", what, node.value));
        return std::nullopt;
    case PlainType::Float:
        return std::make_optional<Scalar>(parseFloat(node.value));
    case PlainType::String:
        break;
    }
    return std::make_optional<Scalar>(node.value);
}

std::optional<std::string> YamlReader::string(const YamlNode& node, std::string_view what)
{
    if (node.isScalar() && typeName(node) == "string")
        return node.value;
    typeError(node, what, "a string");
    return std::nullopt;
}

std::optional<std::string> YamlReader::nonEmptyString(const YamlNode& node, std::string_view what)
{
    auto value = string(node, what);
    if (value && value->empty()) {
        error(node.pos, fmt::format("{} must not be empty", what));
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> YamlReader::text(const YamlNode& node, std::string_view what)
{
    if (node.isNull())
        return std::string();
    if (node.isScalar())
        return node.value;
    typeError(node, what, "a scalar");
    return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const YamlNode& node, std::string_view what)
{
    if (node.isScalar() && typeName(node) == "boolean")
        return node.value[0] == 't' || node.value[0] == 'T';
    typeError(node, what, "true or false");
    return std::nullopt;
}

std::optional<std::int64_t> YamlReader::integer(const YamlNode& node, std::string_view what, std::int64_t min,
                                                std::int64_t max)
{
    if (!node.isScalar() || typeName(node) != "integer") {
        typeError(node, what, "an integer");
        return std::nullopt;
    }
    auto value = scalar(node, what);
    if (!value)
        return std::nullopt;
    const std::int64_t v = std::get<std::int64_t>(*value);
    if (v < min) {
        if (min == 0)
            error(node.pos, fmt::format("{} must not be negative, got {}", what, v));
        else
            error(node.pos, fmt::format("{} must be at least {}, got {}", what, min, v));
        return std::nullopt;
    }
    if (v > max) {
        error(node.pos, fmt::format("{} must be at most {}, got {}", what, max, v));
        return std::nullopt;
    }
    return v;
}

std::optional<double> YamlReader::number(const YamlNode& node, std::string_view what, double min, double max,
                                         bool minExclusive)
{
    const std::string type = node.isScalar() ? typeName(node) : "";
    if (type != "integer" && type != "float") {
        typeError(node, what, "a number");
        return std::nullopt;
    }
    auto value = scalar(node, what);
    if (!value)
        return std::nullopt;
    const double v = type == "integer" ? static_cast<double>(std::get<std::int64_t>(*value)) : std::get<double>(*value);
    if (std::isnan(v)) {
        error(node.pos, fmt::format("{} must be a number, got .nan", what));
        return std::nullopt;
    }
    if (minExclusive ? !(v > min) : !(v >= min)) {
        if (minExclusive)
            error(node.pos, fmt::format("{} must be greater than {}, got {}", what, formatNumber(min), node.value));
        else if (min == 0)
            error(node.pos, fmt::format("{} must not be negative, got {}", what, node.value));
        else
            error(node.pos, fmt::format("{} must be at least {}, got {}", what, formatNumber(min), node.value));
        return std::nullopt;
    }
    if (!(v <= max)) {
        error(node.pos, fmt::format("{} must be at most {}, got {}", what, formatNumber(max), node.value));
        return std::nullopt;
    }
    return v;
}

bool YamlReader::isMapping(const YamlNode& node, std::string_view what)
{
    if (node.isMapping())
        return true;
    typeError(node, what, "a mapping");
    return false;
}

bool YamlReader::isSequence(const YamlNode& node, std::string_view what)
{
    if (node.isSequence())
        return true;
    typeError(node, what, "a list");
    return false;
}

bool YamlReader::checkScalarKeys(const YamlNode& mapping)
{
    bool ok = true;
    for (const auto& [key, value] : mapping.entries) {
        if (!key.isScalar() && !key.isInvalid()) {
            error(key.pos, fmt::format("mapping keys must be strings, got {}", typeName(key)));
            ok = false;
        }
    }
    return ok;
}

bool YamlReader::checkKeys(const YamlNode& mapping, std::initializer_list<std::string_view> known,
                           std::string_view where)
{
    bool ok = checkScalarKeys(mapping);
    for (const auto& [key, value] : mapping.entries) {
        if (!key.isScalar())
            continue;
        if (std::find(known.begin(), known.end(), key.value) == known.end()) {
            error(key.pos, fmt::format("unknown key '{}' in {}", key.value, where));
            ok = false;
        }
    }
    return ok;
}

std::optional<CodeBlock> YamlReader::codeBlock(const YamlNode& node, std::string_view what)
{
    if (!node.isScalar() || typeName(node) != "string") {
        typeError(node, what, "source text (a block scalar such as '|')");
        return std::nullopt;
    }
    CodeBlock block;
    block.text = node.value;
    const std::size_t at = node.offset;
    const char indicator = at < m_text.size() ? m_text[at] : '\0';
    if (indicator == '|' || indicator == '>') {
        // yaml-cpp marks a block scalar at its indicator; the text starts on the next line, and
        // its indentation is that of the first line that is not blank.
        std::size_t lineStart = m_text.find('\n', at);
        block.pos = {node.pos.line + 1, 1};
        for (std::size_t p = lineStart; p != std::string_view::npos && p + 1 < m_text.size();
             p = m_text.find('\n', p + 1)) {
            const std::size_t begin = p + 1;
            std::size_t indent = 0;
            while (begin + indent < m_text.size() && m_text[begin + indent] == ' ')
                ++indent;
            const char next = begin + indent < m_text.size() ? m_text[begin + indent] : '\n';
            if (next != '\n' && next != '\r') {
                block.pos.column = static_cast<int>(indent) + 1;
                break;
            }
        }
    } else if (indicator == '"' || indicator == '\'') {
        block.pos = {node.pos.line, node.pos.column + 1};
    } else {
        block.pos = node.pos;
    }
    return block;
}

} // namespace pipelab::scenario
