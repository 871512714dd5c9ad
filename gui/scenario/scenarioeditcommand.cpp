// ScenarioEditCommand: swaps the document's text.
#include "gui/scenario/scenarioeditcommand.h"

#include "gui/scenario/scenariodocument.h"

namespace pipelab::gui {

ScenarioEditCommand::ScenarioEditCommand(ScenarioDocument* document, QString before, QString after,
                                         const QString& label)
    : QUndoCommand(label), document_(document), before_(std::move(before)), after_(std::move(after))
{
}

void ScenarioEditCommand::redo()
{
    document_->setText(after_);
}

void ScenarioEditCommand::undo()
{
    document_->setText(before_);
}

} // namespace pipelab::gui
