// LoadPanel: the Load tab of the Charts dock. "Run Load" puts the current scenario's `load`
// section (500 users, workers, database limits...) through the timing simulation on a worker
// thread; a progress bar follows simulated time, Cancel stops it, and the LoadChartsWidget below
// shows the result, growing while the run goes on. A scenario without `load` says so instead of offering a run.
#pragma once

#include "sim/scenario/scenario.h"

#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace pipelab::gui {

class LoadChartsWidget;
class LoadRun;

class LoadPanel : public QWidget {
    Q_OBJECT
public:
    explicit LoadPanel(QWidget* parent = nullptr);

    // The scenario a run would use (copied); nullptr clears. A result shown for an earlier
    // scenario is cleared, since it no longer describes what is on screen.
    void setScenario(const scenario::Scenario* scenario);

    // Starts a run of the current scenario's load. False when there is none or one is running.
    bool runLoad();
    void cancel();

    LoadRun* loadRun() const { return run_; }
    LoadChartsWidget* charts() const { return charts_; }
    QPushButton* runButton() const { return runButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* statusLabel() const { return status_; }

Q_SIGNALS:
    // A run ended and its result (if any) is on the charts.
    void loadFinished();

private:
    void showProgress(double simulatedS, double endS);
    void runFinished();
    void updateControls();

    std::optional<scenario::Scenario> scenario_;
    LoadRun* run_;
    LoadChartsWidget* charts_;
    QPushButton* runButton_;
    QPushButton* cancelButton_;
    QProgressBar* progress_;
    QLabel* status_;
};

} // namespace pipelab::gui
