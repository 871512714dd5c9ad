// LoadPanel: a row of controls over the load charts; all state is the LoadRun's.
#include "gui/charts/loadpanel.h"

#include "gui/charts/loadchartswidget.h"
#include "gui/run/loadrun.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pipelab::gui {

LoadPanel::LoadPanel(QWidget* parent)
    : QWidget(parent), run_(new LoadRun(this)), charts_(new LoadChartsWidget(this)),
      runButton_(new QPushButton(tr("Run Load"), this)), cancelButton_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)), status_(new QLabel(this))
{
    setObjectName(QStringLiteral("loadPanel"));
    runButton_->setObjectName(QStringLiteral("runLoad"));
    runButton_->setToolTip(tr("Put the scenario's load section through the timing simulation (Ctrl+L)"));
    cancelButton_->setObjectName(QStringLiteral("cancelLoad"));
    progress_->setObjectName(QStringLiteral("loadProgress"));
    progress_->setRange(0, 1000);
    progress_->setTextVisible(true);
    progress_->setFormat(QStringLiteral("%p%"));
    status_->setObjectName(QStringLiteral("loadStatus"));
    status_->setTextFormat(Qt::PlainText);

    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(6, 4, 6, 0);
    controls->addWidget(runButton_);
    controls->addWidget(cancelButton_);
    controls->addWidget(progress_, 1);
    controls->addWidget(status_, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(controls);
    // Four charts need room; in a short dock they scroll rather than push the pipeline away.
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    charts_->setMinimumHeight(420);
    scroll->setWidget(charts_);
    layout->addWidget(scroll, 1);

    connect(runButton_, &QPushButton::clicked, this, &LoadPanel::runLoad);
    connect(cancelButton_, &QPushButton::clicked, this, &LoadPanel::cancel);
    connect(run_, &LoadRun::progressed, this, &LoadPanel::showProgress);
    connect(run_, &LoadRun::finished, this, &LoadPanel::runFinished);
    connect(run_, &LoadRun::partialResult, this, [this](const timing::LoadResult& sofar) {
        if (run_->isRunning())
            charts_->setResult(sofar); // live: the charts grow while the run goes on
    });
    updateControls();
}

void LoadPanel::setScenario(const scenario::Scenario* scenario)
{
    if (scenario != nullptr)
        scenario_ = *scenario;
    else
        scenario_.reset();
    if (!run_->isRunning()) {
        charts_->clear();
        progress_->setValue(0);
        status_->setText(scenario_ && !scenario_->load ? tr("This scenario has no load section.") : QString());
    }
    updateControls();
}

bool LoadPanel::runLoad()
{
    if (!scenario_ || !scenario_->load || run_->isRunning())
        return false;
    charts_->clear();
    progress_->setValue(0);
    status_->setText(tr("Running…"));
    run_->start(*scenario_);
    updateControls();
    return true;
}

void LoadPanel::cancel()
{
    if (!run_->isRunning())
        return;
    run_->cancel();
    status_->setText(tr("Cancelling…"));
}

void LoadPanel::showProgress(double simulatedS, double endS)
{
    if (endS <= 0)
        return;
    progress_->setValue(static_cast<int>(std::lround(1000.0 * std::min(1.0, simulatedS / endS))));
    status_->setText(tr("%1 of %2 simulated s").arg(simulatedS, 0, 'f', 1).arg(endS, 0, 'f', 0));
}

void LoadPanel::runFinished()
{
    const LoadRun::Outcome& outcome = run_->outcome();
    if (outcome.cancelled) {
        status_->setText(tr("Cancelled."));
    } else if (!outcome.failure.isEmpty()) {
        status_->setText(tr("The load run failed: %1").arg(outcome.failure));
    } else if (!outcome.run.result) {
        QStringList problems;
        for (const scenario::Diagnostic& d : outcome.run.diagnostics)
            problems << QString::fromStdString(d.message);
        status_->setText(tr("The load could not run: %1").arg(problems.join(QStringLiteral("; "))));
    } else {
        progress_->setValue(1000);
        charts_->setResult(*outcome.run.result);
        status_->setText(tr("%1 requests interpreted, %2 reused; %3 events")
                             .arg(outcome.run.interpreted)
                             .arg(outcome.run.reused)
                             .arg(outcome.run.result->events));
    }
    updateControls();
    Q_EMIT loadFinished();
}

void LoadPanel::updateControls()
{
    const bool running = run_->isRunning();
    runButton_->setEnabled(!running && scenario_ && scenario_->load);
    cancelButton_->setEnabled(running);
}

} // namespace pipelab::gui
