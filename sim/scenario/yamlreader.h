// YamlReader: typed reads from a YamlNode tree with positions, collecting diagnostics instead of
// stopping at the first problem. Scalars are resolved by the YAML 1.2 core schema from their
// text (yaml-cpp's own conversions follow YAML 1.1, where `yes` is a boolean): only
// true/True/TRUE/false/False/FALSE are booleans; null, Null, NULL, ~ and empty are null;
// integers are decimal, 0o octal or 0x hex; quoted and block scalars are always strings.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/sourcepos.h"
#include "sim/scenario/yamlnode.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::scenario {

class YamlReader {
public:
    YamlReader(std::string_view text, std::string fileName, std::vector<Diagnostic>& diagnostics);

    void error(SourcePos pos, std::string message);
    void warning(SourcePos pos, std::string message);
    const std::string& fileName() const { return m_fileName; }

    // "null", "boolean", "integer", "float", "string", "list" or "mapping".
    static std::string typeName(const YamlNode& node);
    // A plain scalar's (or null's) value by the core schema; nullopt for collections and for an
    // integer out of 64-bit range (which is reported).
    std::optional<Scalar> scalar(const YamlNode& node, std::string_view what);

    // Each read reports "WHAT must be a T, got U" (WHAT as given, e.g. "'count'") and returns
    // nullopt on a wrong type or range; Invalid nodes return nullopt silently.
    std::optional<std::string> string(const YamlNode& node, std::string_view what);
    std::optional<std::string> nonEmptyString(const YamlNode& node, std::string_view what);
    // Any scalar, as written (form fields, headers); null is "".
    std::optional<std::string> text(const YamlNode& node, std::string_view what);
    std::optional<bool> boolean(const YamlNode& node, std::string_view what);
    std::optional<std::int64_t> integer(const YamlNode& node, std::string_view what, std::int64_t min,
                                        std::int64_t max);
    // An integer or a float. `minExclusive`: the value must be greater than `min`.
    std::optional<double> number(const YamlNode& node, std::string_view what, double min, double max,
                                 bool minExclusive = false);
    bool isMapping(const YamlNode& node, std::string_view what);
    bool isSequence(const YamlNode& node, std::string_view what);

    // Reports every key of `mapping` not in `known` ("unknown key 'x' in WHERE") and every key
    // that is not a scalar. Returns false if any was found.
    bool checkKeys(const YamlNode& mapping, std::initializer_list<std::string_view> known, std::string_view where);
    // Reports non-scalar keys; true when all keys are scalars.
    bool checkScalarKeys(const YamlNode& mapping);

    // A module body or template: a block scalar (position of its first content line and its
    // indentation), or a one-line quoted or plain string (position of its first character).
    std::optional<CodeBlock> codeBlock(const YamlNode& node, std::string_view what);

private:
    void typeError(const YamlNode& node, std::string_view what, std::string_view expected);

    std::string_view m_text;
    std::string m_fileName;
    std::vector<Diagnostic>& m_diagnostics;
};

// "1000000", "0.5", "1e+20": numbers as messages show them.
std::string formatNumber(double value);

// "1 request", "3 requests".
std::string countOf(std::int64_t n, std::string_view noun);

} // namespace pipelab::scenario
