// FindingsPanel: the Findings dock — what the N+1 detector read from the latest run (repeated
// query shapes from one line and the relation they load, deferred fields, a count beside a loop,
// unused select/prefetch, receivers never connected, cache_page without vary_on_cookie), each
// with its estimated saving; "Apply Fix" makes the located edit to the scenario's text as an
// undoable command, which re-runs it.
#pragma once

#include "sim/django/analysis/finding.h"
#include "sim/scenario/scenario.h"

#include <QWidget>

#include <vector>

class QLabel;
class QListWidget;
class QPushButton;
class QUndoStack;

namespace pipelab::gui {

class ScenarioDocument;

class FindingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget* parent = nullptr);

    void setDocument(ScenarioDocument* document, QUndoStack* undoStack);
    // The findings of the run of `scenario` (for the cost model's estimate of the time saved).
    void setFindings(const std::vector<django::analysis::Finding>& findings, const scenario::Scenario* scenario);

    // Applies the fix of finding `row`; false (and a message in the panel) when it has none or
    // the text changed under it.
    bool applyFix(int row);

    QListWidget* list() const { return list_; }
    QPushButton* applyButton() const { return apply_; }
    QLabel* statusLabel() const { return status_; }
    const std::vector<django::analysis::Finding>& findings() const { return findings_; }

    // The modelled time the fix saves: "≈ 425.5 ms less per request (modelled)"; empty when none.
    static QString savingText(const django::analysis::Finding& finding, const scenario::Scenario* scenario);

Q_SIGNALS:
    // The reader asked to see where a finding is (its source "views:12").
    void sourceActivated(const QString& source);

private:
    void updateButton();

    ScenarioDocument* document_ = nullptr;
    QUndoStack* undoStack_ = nullptr;
    std::vector<django::analysis::Finding> findings_;
    QListWidget* list_;
    QPushButton* apply_;
    QLabel* status_;
};

} // namespace pipelab::gui
