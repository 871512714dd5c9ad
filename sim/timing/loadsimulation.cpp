// LoadSimulation: validation, and the choice of LoadModel instantiation by LoadConfig::queue.
#include "sim/timing/loadsimulation.h"

#include <stdexcept>
#include <string>

namespace pipelab::timing {

namespace {

std::string joinProblems(const std::vector<std::string>& problems)
{
    std::string text;
    for (const std::string& p : problems)
        text += (text.empty() ? "" : "\n") + p;
    return text;
}

} // namespace

LoadSimulation::LoadSimulation(LoadConfig config, ProfileSource* source)
{
    if (const auto problems = validate(config); !problems.empty())
        throw std::invalid_argument(joinProblems(problems));
    switch (config.queue) {
    case QueueKind::FourAryHeap:
        model_ = std::make_unique<LoadModel<FourAryHeap>>(std::move(config), source);
        break;
    case QueueKind::CalendarQueue:
        model_ = std::make_unique<LoadModel<CalendarQueue>>(std::move(config), source);
        break;
    }
}

void LoadSimulation::setProgress(Progress progress)
{
    std::visit([&](auto& model) { model->setProgress(std::move(progress)); }, model_);
}

LoadResult LoadSimulation::run()
{
    return std::visit([](auto& model) { return model->run(); }, model_);
}

LoadResult runLoad(const LoadConfig& config, ProfileSource* source)
{
    LoadSimulation simulation(config, source);
    return simulation.run();
}

} // namespace pipelab::timing
