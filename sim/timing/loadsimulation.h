// LoadSimulation: one load run of LoadConfig — the entry point of the timing model. It checks
// the configuration and plays it on the LoadModel instantiated for the event queue the config
// names (see loadmodel.h for the model itself).
#pragma once

#include "sim/timing/loadconfig.h"
#include "sim/timing/loadmodel.h"
#include "sim/timing/loadresult.h"
#include "sim/timing/profilesource.h"

#include <memory>
#include <variant>

namespace pipelab::timing {

class LoadSimulation {
public:
    using Progress = LoadProgress;
    static constexpr std::uint64_t kProgressEvents = kLoadProgressEvents;

    // Throws std::invalid_argument listing validate()'s problems. `source`, when given, must
    // outlive the run.
    explicit LoadSimulation(LoadConfig config, ProfileSource* source = nullptr);

    void setProgress(Progress progress);

    // Runs warm-up and the measured window. Call once.
    LoadResult run();

private:
    std::variant<std::unique_ptr<LoadModel<FourAryHeap>>, std::unique_ptr<LoadModel<CalendarQueue>>> model_;
};

// Convenience: construct and run.
LoadResult runLoad(const LoadConfig& config, ProfileSource* source = nullptr);

} // namespace pipelab::timing
