// ScenarioEdit: the new text of a scenario file after one edit the GUI makes — the MIDDLEWARE list
// rewritten, or one code block replaced. Every GUI edit is a text edit of the YAML, so undo is
// exact and the loader stays the only reader of the file. Only the bytes the edit needs change:
// comments, quoting, layout and every other line stay as written, and a list keeps its style
// (flow `[a, b]` or block `- a`). Each result is read back with the loader's YAML parser and
// refused unless it says exactly what was asked, so an odd layout gives an error, never a
// corrupted file.
#pragma once

#include <QString>
#include <QStringList>

namespace pipelab::gui {

class ScenarioEdit {
public:
    struct Result {
        QString text;  // the whole new file, when ok()
        QString error; // why the edit cannot be written
        bool ok() const { return error.isEmpty(); }
    };

    // `yaml` with settings.MIDDLEWARE set to `middleware` (dotted paths, outermost first).
    // Entries kept from the old list keep their own text (quotes, trailing comment). With no
    // MIDDLEWARE written, Django's startproject default is in effect; the edit then writes an
    // explicit list: as the first entry of `settings`, or, with no `settings` at all, as a new
    // `settings` block at the end of the file so that no existing line moves.
    static Result setMiddleware(const QString& yaml, const QStringList& middleware);

    // `yaml` with the code block `key` replaced by `code`. Keys as trace sources name blocks:
    // "models", "urls", "views", "middleware", "signals", "apps" or "templates/NAME". The block
    // must be a literal block scalar (`|`, `|-`, `|+`); its header and indentation are kept.
    static Result replaceBlock(const QString& yaml, const QString& key, const QString& code);
};

} // namespace pipelab::gui
