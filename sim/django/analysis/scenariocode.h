// ScenarioCode: the scenario's code blocks seen line by line — the line a trace source
// ("views:63", "templates/dashboard.html:70", YAML line numbers) points at, and the top-level
// definitions of a Python module (a view function with its decorators, a signal receiver).
#pragma once

#include "sim/scenario/scenario.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::analysis {

class ScenarioCode {
public:
    // `scenario` must outlive this object: lines are views into its text.
    explicit ScenarioCode(const scenario::Scenario& scenario);

    struct Line {
        std::string block;                         // "views", "templates/dashboard.html"
        const scenario::CodeBlock* code = nullptr;
        int number = 0;                            // 1-based line inside the block
        std::string_view text;

        int yamlLine() const { return code->pos.line + number - 1; }
        std::string source() const { return block + ":" + std::to_string(yamlLine()); }
    };

    // A top-level `def`/`class` of a module, with the decorators above it (lines inside the block).
    struct Definition {
        std::string name;
        bool isClass = false;
        int first = 0; // first decorator line, or the def line
        int def = 0;   // the `def`/`class` line
        int last = 0;  // last non-blank line of the body
    };

    // "views", "models", "urls", "signals", "apps", "middleware" or "templates/NAME"; null if absent.
    const scenario::CodeBlock* block(std::string_view name) const;
    // The line a trace source points at; null when it is not a line of a block.
    std::optional<Line> line(std::string_view source) const;
    // Line `number` (1-based) of a block; null when out of range.
    std::optional<Line> line(std::string_view block, int number) const;
    // Number of lines of a block (0 when absent).
    int lineCount(std::string_view block) const;
    // The text of lines [first, last] of a block, '\n'-joined.
    std::string text(std::string_view block, int first, int last) const;

    // Top-level definitions of a Python block, in order.
    std::vector<Definition> definitions(std::string_view block) const;
    // The top-level definition called `name`; null if none.
    std::optional<Definition> definition(std::string_view block, std::string_view name) const;

private:
    struct Block {
        const scenario::CodeBlock* code = nullptr;
        std::vector<std::string_view> lines;
    };
    const Block* find(std::string_view name) const;

    std::map<std::string, Block, std::less<>> blocks_;
};

// Python/template text helpers shared by the checks.
bool isIdentifierChar(char c);
// Whether `text` contains `.name` as an attribute access (not followed by an identifier char).
bool hasAttributeAccess(std::string_view text, std::string_view name);
// Whether `text` contains `word` as a whole identifier not preceded by '.'.
bool hasName(std::string_view text, std::string_view word);

} // namespace pipelab::django::analysis
