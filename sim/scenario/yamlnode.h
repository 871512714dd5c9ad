// YamlNode: the YAML document as the loader sees it — a plain value tree with source positions.
// Built from yaml-cpp's parse events (yamlparser.h) rather than YAML::Node because the loader
// needs what YAML::Node hides: whether a scalar was quoted, duplicate keys, and where each
// node starts in the file.
#pragma once

#include "sim/scenario/sourcepos.h"

#include <cstddef>
#include <string>
#include <vector>

namespace pipelab::scenario {

struct YamlEntry;

struct YamlNode {
    enum class Kind {
        Null,     // empty, `~` or `null`
        Scalar,   // text in `value`; `plain` tells whether its type comes from its text
        Sequence, // `items`
        Mapping,  // `entries`, in file order, duplicates kept
        Invalid,  // stands in for something already reported (an alias): readers skip it silently
    };

    Kind kind = Kind::Null;
    std::string value;
    bool plain = true;      // Scalar: unquoted, untagged; false for quoted, block and `!!str` scalars
    SourcePos pos;          // 1-based
    std::size_t offset = 0; // byte offset of the node's start in the file
    std::vector<YamlNode> items;
    std::vector<YamlEntry> entries;

    bool isMapping() const { return kind == Kind::Mapping; }
    bool isSequence() const { return kind == Kind::Sequence; }
    bool isScalar() const { return kind == Kind::Scalar; }
    bool isNull() const { return kind == Kind::Null; }
    bool isInvalid() const { return kind == Kind::Invalid; }

    // The value of a mapping's key (compared to scalar keys), or nullptr.
    const YamlNode* find(const std::string& key) const;
    // The key node itself, for errors about the key being there at all.
    const YamlNode* findKey(const std::string& key) const;
};

// One `key: value` of a mapping. A struct of its own rather than std::pair<YamlNode, YamlNode>:
// libstdc++'s pair checks its members' traits eagerly, which clang rejects while YamlNode is still
// incomplete.
struct YamlEntry {
    YamlNode key;
    YamlNode value;
};

inline const YamlNode* YamlNode::find(const std::string& key) const
{
    for (const auto& [k, v] : entries) {
        if (k.kind == Kind::Scalar && k.value == key)
            return &v;
    }
    return nullptr;
}

inline const YamlNode* YamlNode::findKey(const std::string& key) const
{
    for (const auto& [k, v] : entries) {
        if (k.kind == Kind::Scalar && k.value == key)
            return &k;
    }
    return nullptr;
}

} // namespace pipelab::scenario
