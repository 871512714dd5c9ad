// Where scenario code sits: Origin maps a code block into its YAML file, SourceLoc names one
// point of executing code as the scenario layer reports it ("views:12", YAML line numbers).
#pragma once

#include <string>
#include <string_view>

namespace pipelab::py {

// The YAML position of a code block's first content line (1-based); column is the block's
// indentation column, so text column c is YAML column `column + c - 1`.
struct Origin {
    int line = 1;
    int column = 1;
};

// A point in scenario code. `kind` is the module's label ("views", "models", ...) and stays valid
// as long as the Interpreter (or parsed module) that produced it; line/column are YAML positions.
struct SourceLoc {
    std::string_view kind;
    int line = 0;
    int column = 0;

    bool valid() const { return line > 0; }
    // "views:12"
    std::string label() const { return std::string(kind) + ":" + std::to_string(line); }
};

} // namespace pipelab::py
