// FindingsPanel: the text of each finding is the CLI's (formatFinding), so the GUI and
// `pipelab-cli trace` say the same thing; the fix goes through analysis::applyFix and a
// ScenarioEditCommand like every other edit.
#include "gui/analysis/findingspanel.h"

#include "gui/scenario/scenariodocument.h"
#include "gui/scenario/scenarioeditcommand.h"
#include "sim/django/analysis/findingreport.h"
#include "sim/load/costmodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <memory>

namespace pipelab::gui {

FindingsPanel::FindingsPanel(QWidget* parent)
    : QWidget(parent), list_(new QListWidget(this)), apply_(new QPushButton(tr("Apply Fix"), this)), status_(new QLabel(this))
{
    setObjectName(QStringLiteral("findingsPanel"));
    list_->setObjectName(QStringLiteral("findingsList"));
    list_->setWordWrap(true);
    list_->setAlternatingRowColors(true);
    apply_->setObjectName(QStringLiteral("applyFix"));
    apply_->setToolTip(tr("Edit the code as the finding suggests and re-run (Edit › Undo takes it back)"));
    status_->setTextFormat(Qt::PlainText);
    status_->setWordWrap(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(status_, 1);
    controls->addWidget(apply_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(controls);
    layout->addWidget(list_, 1);

    connect(apply_, &QPushButton::clicked, this, [this] { applyFix(list_->currentRow()); });
    connect(list_, &QListWidget::currentRowChanged, this, &FindingsPanel::updateButton);
    connect(list_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const int row = list_->row(item);
        if (row >= 0 && row < static_cast<int>(findings_.size()))
            Q_EMIT sourceActivated(QString::fromStdString(findings_[static_cast<std::size_t>(row)].source));
    });
    setFindings({}, nullptr);
}

void FindingsPanel::setDocument(ScenarioDocument* document, QUndoStack* undoStack)
{
    document_ = document;
    undoStack_ = undoStack;
}

QString FindingsPanel::savingText(const django::analysis::Finding& finding, const scenario::Scenario* scenario)
{
    if (finding.queriesSaved <= 0 || scenario == nullptr)
        return {};
    // Each query saved costs the ORM's overhead, a round trip and the database's time.
    const load::CostModel costs = load::CostModel::forScenario(*scenario);
    const double perQueryNs = static_cast<double>(costs.queryOverhead + costs.dbRoundTrip + costs.query + costs.row);
    return tr("≈ %1 ms less per request (modelled)").arg(perQueryNs * static_cast<double>(finding.queriesSaved) / 1e6, 0, 'f', 1);
}

void FindingsPanel::setFindings(const std::vector<django::analysis::Finding>& findings, const scenario::Scenario* scenario)
{
    findings_ = findings;
    list_->clear();
    for (const django::analysis::Finding& finding : findings_) {
        QString text = QString::fromStdString(django::analysis::formatFinding(finding));
        if (finding.request >= 0)
            text = QStringLiteral("#%1 %2").arg(finding.request).arg(text);
        const QString saving = savingText(finding, scenario);
        auto* item = new QListWidgetItem(saving.isEmpty() ? text : text + QStringLiteral("; ") + saving, list_);
        item->setToolTip(finding.fix ? tr("One-click fix: %1 → %2").arg(QString::fromStdString(finding.fix->before),
                                                                        QString::fromStdString(finding.fix->after))
                                     : tr("No automatic fix: edit the code by hand"));
    }
    status_->setText(findings_.empty() ? tr("No findings: no repeated queries from one line, nothing unused.")
                                       : (findings_.size() == 1 ? tr("1 finding") : tr("%1 findings").arg(findings_.size())));
    if (!findings_.empty())
        list_->setCurrentRow(0);
    updateButton();
}

bool FindingsPanel::applyFix(int row)
{
    if (document_ == nullptr || row < 0 || row >= static_cast<int>(findings_.size()) || !findings_[static_cast<std::size_t>(row)].fix)
        return false;
    const django::analysis::Finding finding = findings_[static_cast<std::size_t>(row)];
    const std::optional<std::string> fixed = django::analysis::applyFix(document_->text().toStdString(), *finding.fix);
    if (!fixed) {
        status_->setText(tr("The code changed since this run; the fix no longer applies."));
        return false;
    }
    auto command = std::make_unique<ScenarioEditCommand>(
        document_, document_->text(), QString::fromStdString(*fixed),
        tr("Fix: %1").arg(QString::fromStdString(finding.suggestion.empty() ? finding.relation : finding.suggestion)));
    if (undoStack_ != nullptr)
        undoStack_->push(command.release()); // push() applies it, which re-runs the scenario
    else
        command->redo();
    return true;
}

void FindingsPanel::updateButton()
{
    const int row = list_->currentRow();
    apply_->setEnabled(document_ != nullptr && row >= 0 && row < static_cast<int>(findings_.size())
                       && findings_[static_cast<std::size_t>(row)].fix.has_value());
}

} // namespace pipelab::gui
