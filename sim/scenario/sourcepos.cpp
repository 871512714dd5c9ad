// Diagnostic formatting: the one line format every stage prints.
#include "sim/scenario/sourcepos.h"

#include <algorithm>

namespace pipelab::scenario {

std::string Diagnostic::format() const
{
    std::string out = file;
    out += ':';
    out += std::to_string(pos.line);
    out += ':';
    out += std::to_string(pos.column);
    out += severity == Severity::Error ? ": error: " : ": warning: ";
    out += message;
    return out;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
}

} // namespace pipelab::scenario
