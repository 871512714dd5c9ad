// LessonPlayer: patches are applied to a copy of the Scenario value (code blocks and settings
// replaced as the loader read them), so a patched run is the engine's run of that scenario.
#include "gui/lesson/lessonplayer.h"

#include "gui/export/traceexport.h"

#include <algorithm>

namespace pipelab::gui {

namespace {

const std::vector<scenario::LessonStep> kNoSteps;

void applyPatch(scenario::Scenario& s, const scenario::LessonStep& patch)
{
    for (const auto& [key, block] : patch.patch) {
        if (key.rfind("templates/", 0) == 0) {
            const std::string name = key.substr(10);
            auto it = std::find_if(s.templates.begin(), s.templates.end(), [&](const scenario::Template& t) { return t.name == name; });
            if (it != s.templates.end())
                it->source = block;
            else
                s.templates.push_back({name, block});
        } else if (key == "models") {
            s.models = block;
        } else if (key == "views") {
            s.views = block;
        } else if (key == "middleware") {
            s.middleware = block;
        } else if (key == "signals") {
            s.signals = block;
        } else if (key == "apps") {
            s.apps = block;
        }
    }
    if (patch.settings)
        s.settings = *patch.settings;
}

} // namespace

LessonPlayer::LessonPlayer(QObject* parent) : QObject(parent) {}

const std::vector<scenario::LessonStep>& LessonPlayer::steps() const
{
    return scenario_ ? scenario_->lesson : kNoSteps;
}

void LessonPlayer::setScenario(const scenario::Scenario* scenario)
{
    if (scenario != nullptr)
        scenario_ = *scenario;
    else
        scenario_.reset();
    runs_.clear();
    current_ = 0;
    revealed_ = false;
    if (hasLesson())
        Q_EMIT stepChanged(current_);
}

const scenario::LessonStep* LessonPlayer::currentStep() const
{
    return hasLesson() ? &step(current_) : nullptr;
}

scenario::Scenario LessonPlayer::scenarioAt(int index) const
{
    scenario::Scenario s = *scenario_;
    const int last = std::min(index, stepCount() - 1);
    for (int i = 0; i <= last; ++i) {
        if (step(i).kind == scenario::LessonStep::Kind::Patch)
            applyPatch(s, step(i));
    }
    return s;
}

std::vector<int> LessonPlayer::runStepsUpTo(int index) const
{
    std::vector<int> runs;
    for (int i = 0; i <= std::min(index, stepCount() - 1); ++i) {
        if (step(i).kind == scenario::LessonStep::Kind::Run)
            runs.push_back(i);
    }
    return runs;
}

LessonPlayer::RunSummary LessonPlayer::runSummary(int runStep)
{
    if (auto it = runs_.find(runStep); it != runs_.end())
        return it->second;
    RunSummary summary;
    summary.step = runStep;
    summary.request = step(runStep).run;
    const scenario::Scenario s = scenarioAt(runStep);
    const RunResult result = RunResult::compute(s);
    const auto index = static_cast<std::size_t>(summary.request);
    if (result.trace != nullptr && index < result.trace->requests.size()) {
        const trace::RequestTrace& request = result.trace->requests[index];
        summary.label = QString::fromStdString(request.method + " " + request.path);
        summary.status = request.status;
        summary.queries = static_cast<int>(request.queries.size());
        summary.modelledMs = TraceExport::modelledMs(request, s);
        if (request.error)
            summary.error = QString::fromStdString(request.error->type);
        summary.ok = true;
    } else {
        summary.error = !result.failure.isEmpty() ? result.failure : tr("the scenario did not start");
    }
    runs_[runStep] = summary;
    return summary;
}

void LessonPlayer::goTo(int index)
{
    if (!hasLesson())
        return;
    current_ = std::clamp(index, 0, stepCount() - 1);
    if (revealed_) {
        revealed_ = false;
        Q_EMIT answerRevealedChanged(false);
    }
    Q_EMIT stepChanged(current_);
}

void LessonPlayer::next()
{
    // On an unrevealed question, "next" reveals first: the class sees the answer before moving on.
    if (const scenario::LessonStep* s = currentStep(); s != nullptr && s->kind == scenario::LessonStep::Kind::Ask && !revealed_) {
        reveal();
        return;
    }
    if (current_ + 1 < stepCount())
        goTo(current_ + 1);
}

void LessonPlayer::previous()
{
    if (current_ > 0)
        goTo(current_ - 1);
}

void LessonPlayer::restart()
{
    goTo(0);
}

void LessonPlayer::reveal()
{
    if (revealed_)
        return;
    revealed_ = true;
    Q_EMIT answerRevealedChanged(true);
}

} // namespace pipelab::gui
