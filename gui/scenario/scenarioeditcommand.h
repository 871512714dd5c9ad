// ScenarioEditCommand: one GUI edit of the scenario file on the undo stack. It holds the exact
// text before and after, so undo and redo give back the file byte for byte; both go through
// ScenarioDocument::setText, so every step reloads the scenario (and whoever re-runs it on
// loaded() re-runs it).
#pragma once

#include <QString>
#include <QUndoCommand>

namespace pipelab::gui {

class ScenarioDocument;

class ScenarioEditCommand : public QUndoCommand {
public:
    ScenarioEditCommand(ScenarioDocument* document, QString before, QString after, const QString& label);

    void redo() override;
    void undo() override;

    const QString& before() const { return before_; }
    const QString& after() const { return after_; }

private:
    ScenarioDocument* document_;
    QString before_;
    QString after_;
};

} // namespace pipelab::gui
