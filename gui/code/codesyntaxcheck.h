// CodeSyntaxCheck: parses an edited code block with the engine's own parsers — the Python
// subset's, or Django's template parser — so a syntax error shows at its YAML line as soon as the
// edit is applied, before (and independently of) the run that reports it again.
#pragma once

#include "gui/code/codeeditor.h"

#include <QString>

#include <vector>

namespace pipelab::gui {

class CodeSyntaxCheck {
public:
    // The syntax errors of `code`, the block `blockKey` ("views", "templates/NAME" ...) whose
    // first line is YAML line `firstLine`. Blocks other than Python modules and templates are not
    // checked.
    static std::vector<CodeEditor::LineMarker> check(const QString& blockKey, const QString& code, int firstLine);
};

} // namespace pipelab::gui
