// LessonPlayer: a scenario's `lesson` (spec §8) as a position in its steps. The state at a step is
// derived from the steps before it — the patches applied so far (cumulatively), which runs have
// happened — so stepping back, restarting and resuming at any step all give the same picture as
// playing up to it. Runs are computed by the engine (RunResult::compute) and cached per step; the
// player says what to show through signals and never touches widgets.
#pragma once

#include "gui/run/runresult.h"
#include "sim/scenario/scenario.h"

#include <QObject>
#include <QString>

#include <map>
#include <optional>

namespace pipelab::gui {

class LessonPlayer : public QObject {
    Q_OBJECT
public:
    // One `run` step's outcome, for the lesson panel and `compare`.
    struct RunSummary {
        int step = -1;            // index of the run step
        std::int64_t request = 0; // request index it ran
        QString label;            // "GET /dashboard/"
        int status = 0;
        int queries = 0;
        double modelledMs = 0; // on an idle server, the scenario's cost model
        QString error;         // exception type, or why the run failed
        bool ok = false;
    };

    explicit LessonPlayer(QObject* parent = nullptr);

    // The lesson of `scenario` (copied), at step 0; nullptr or no lesson: an empty player.
    void setScenario(const scenario::Scenario* scenario);
    bool hasLesson() const { return !steps().empty(); }
    int stepCount() const { return static_cast<int>(steps().size()); }
    int current() const { return current_; }
    const scenario::LessonStep& step(int index) const { return steps()[static_cast<std::size_t>(index)]; }
    const scenario::LessonStep* currentStep() const;

    // An `ask` step's answer is hidden until revealed; moving to another step hides it again.
    bool answerRevealed() const { return revealed_; }

    // The scenario as the lesson has it at `index`: the file's, with every patch up to and
    // including `index` applied.
    scenario::Scenario scenarioAt(int index) const;
    // The `run` steps up to and including `index`, in order (compare's indices count these).
    std::vector<int> runStepsUpTo(int index) const;
    // The outcome of the run step `runStep` (computed once, then cached).
    RunSummary runSummary(int runStep);

public Q_SLOTS:
    void goTo(int index);
    void next();
    void previous();
    void restart();
    void reveal();

Q_SIGNALS:
    // The current step changed (or was re-entered after a restart): show it.
    void stepChanged(int index);
    void answerRevealedChanged(bool revealed);

private:
    const std::vector<scenario::LessonStep>& steps() const;

    std::optional<scenario::Scenario> scenario_;
    int current_ = 0;
    bool revealed_ = false;
    std::map<int, RunSummary> runs_;
};

} // namespace pipelab::gui
