// Project: the composition root of one scenario run — the interpreter (with its budgets), the
// request recorder, the ORM, the session table, the URLconf and the template engine — and the
// scenario's modules imported as Django's start-up imports them: `<app>.apps` and
// `<app>.models` (app registry population; the ORM finalizes the models; ready() runs), the
// fixture rows, the root URLconf (`<app>.urls`, whose `from . import views` imports
// `<app>.views`; the conformance oracle imports it at start-up), then the middleware chain
// (importing `<app>.middleware` when MIDDLEWARE names it). `<app>.signals` is imported only when
// something imports it. Every module gets its spec §1 prelude. Every failure becomes a
// scenario::Diagnostic at its YAML line ("urls: AttributeError: ..." at the line of `views.nope`).
#pragma once

#include "sim/django/http/simulatedclock.h"
#include "sim/django/middleware/sessiondatabase.h"
#include "sim/django/models/orm.h"
#include "sim/django/project/handler.h"
#include "sim/django/project/projectrenderhooks.h"
#include "sim/django/project/urlconfbridge.h"
#include "sim/django/runtime/requestrecorder.h"
#include "sim/django/template/engine.h"
#include "sim/python/interpreter.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/sourcepos.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pipelab::django::project {

class Project {
public:
    struct LoadResult {
        std::unique_ptr<Project> project; // null when there are errors
        std::vector<scenario::Diagnostic> diagnostics;
    };

    // Builds and starts the project. `budget` bounds each start-up step and, later, each request.
    static LoadResult load(const scenario::Scenario& scenario, py::Budget budget = {});

    ~Project();
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    const scenario::Scenario& scenario() const { return scenario_; }
    py::Interpreter& interpreter() { return interp_; }
    RequestRecorder& recorder() { return recorder_; }
    models::Orm& orm() { return orm_; }
    UrlConfBridge& urlconf() { return urlconf_; }
    templates::Engine& templateEngine() { return *engine_; }
    Handler& handler() { return *handler_; }
    middleware::SessionDatabase& sessions() { return sessions_; }
    const std::string& appLabel() const { return scenario_.appLabel; }

    // The simulated clock: 0 is the conformance oracle's frozen instant, 2024-01-01T00:00:00Z.
    // time.time(), timezone.now(), cache and session expiry, signed timestamps and Expires
    // headers read it. Scripted runs never move it (their traces equal the oracle's); the load
    // simulation sets it before each request.
    void setSimulatedTime(std::int64_t nanosecondsSinceStart) { clock_.setNanosecondsSinceStart(nanosecondsSinceStart); }
    const http::SimulatedClock& clock() const { return clock_; }

    // The Python module of a scenario block ("views", "models" ...), or nullptr if not imported.
    py::ModuleObject* module(const std::string& kind) const;

private:
    explicit Project(const scenario::Scenario& scenario, py::Budget budget);

    void installModules();
    void installSettings();
    void installRequestSupport();
    void installModelSignals();
    // Runs `step`; on failure appends a diagnostic (at the script error's YAML position) and
    // returns false.
    bool step(const std::string& what, const std::function<void()>& body);
    py::ModuleObject* findScenarioModule(const std::string& name);
    void applyPrelude(py::ModuleObject* module, const std::string& kind);
    py::Value renderToString(py::Value templateNames, py::Value context, py::Value request);
    void startUp();

    scenario::Scenario scenario_;
    http::SimulatedClock clock_; // before everything that reads it
    py::Interpreter interp_;
    RequestRecorder recorder_;
    middleware::SessionDatabase sessions_;
    models::Orm orm_;
    UrlConfBridge urlconf_;
    ProjectRenderHooks hooks_;
    std::unique_ptr<templates::Engine> engine_;
    std::unique_ptr<Handler> handler_;
    std::vector<scenario::Diagnostic> diagnostics_;
};

} // namespace pipelab::django::project
