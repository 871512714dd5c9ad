// SourcePos and Diagnostic: where something is in a scenario file, and what is wrong there.
// Every stage reports problems as Diagnostics so the CLI and GUI print them the same way:
// FILE:LINE:COL: error: MESSAGE.
#pragma once

#include <string>
#include <vector>

namespace pipelab::scenario {

// 1-based line and column in the YAML file; 0 means unknown.
struct SourcePos {
    int line = 0;
    int column = 0;
    bool operator==(const SourcePos&) const = default;
};

struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;
    SourcePos pos;
    std::string message;

    // "FILE:LINE:COL: error: MESSAGE" (or "warning:").
    std::string format() const;
};

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

} // namespace pipelab::scenario
