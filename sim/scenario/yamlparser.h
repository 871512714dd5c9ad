// YamlParser: scenario text → YamlNode tree, safely. Before yaml-cpp sees the text it checks
// what yaml-cpp would mishandle or what could exhaust the machine (size, NUL bytes, invalid
// UTF-8); while building the tree it bounds the nesting depth, rejects aliases and reports
// duplicate mapping keys. Syntax errors become diagnostics at yaml-cpp's position.
#pragma once

#include "sim/scenario/sourcepos.h"
#include "sim/scenario/yamlnode.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::scenario {

class YamlParser {
public:
    explicit YamlParser(std::string fileName);

    // The document's root, or nullopt when nothing usable could be parsed. Problems go to
    // `diagnostics()` either way (a tree can come with errors, e.g. a duplicate key).
    std::optional<YamlNode> parse(std::string_view text);

    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

private:
    bool checkBytes(std::string_view text);
    void error(SourcePos pos, std::string message);

    std::string m_fileName;
    std::vector<Diagnostic> m_diagnostics;
};

} // namespace pipelab::scenario
