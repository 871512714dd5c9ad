// pipelab-cli: the command-line face of the simulator (scenario-format §9). Thin by design:
// it parses arguments with CLI11, calls the sim library and prints.
#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"
#include "sim/django/runner/tracereport.h"
#include "sim/django/analysis/detector.h"
#include "sim/django/analysis/findingreport.h"
#include "sim/load/chrometrace.h"
#include "sim/load/costmodel.h"
#include "sim/load/expectations.h"
#include "sim/load/loadreport.h"
#include "sim/load/scenarioload.h"
#include "sim/scenario/scenarioloader.h"
#include "sim/trace/jsonexport.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitScenarioError = 1;
constexpr int kExitUsage = 2;

void printDiagnostics(const std::vector<pipelab::scenario::Diagnostic>& diagnostics)
{
    for (const pipelab::scenario::Diagnostic& diagnostic : diagnostics)
        std::cerr << diagnostic.format() << '\n';
}

// The scenario file, loaded and validated, or nullopt (diagnostics printed either way).
std::optional<pipelab::scenario::Scenario> loadScenario(const std::string& file)
{
    pipelab::scenario::LoadResult loaded = pipelab::scenario::loadScenarioFile(file);
    printDiagnostics(loaded.diagnostics);
    if (!loaded.ok())
        return std::nullopt;
    return std::move(*loaded.scenario);
}

// The scripted requests run against a freshly started project. `trace` is empty after a
// start-up error; `ok` is false after any error (a browser that cannot log in keeps the trace).
struct ScriptedRun {
    std::optional<pipelab::trace::Trace> trace;
    std::vector<pipelab::django::analysis::Finding> findings; // the detector's reading of the run
    bool ok = false;
};

// The detector's findings after the trace report (issue 7: the CLI says what the GUI's fixer
// offers). The JSON document stays spec §9's, so the findings are in the text report only.
std::string formatFindingsSection(const std::vector<pipelab::django::analysis::Finding>& findings)
{
    if (findings.empty())
        return "\nFindings: none\n";
    std::string text = "\nFindings (" + std::to_string(findings.size()) + "):\n";
    for (const std::string& line : pipelab::django::analysis::formatFindings(findings))
        text += "  " + line + "\n";
    return text;
}

ScriptedRun runScripted(const pipelab::scenario::Scenario& scenario)
{
    ScriptedRun run;
    pipelab::django::project::Project::LoadResult project = pipelab::django::project::Project::load(scenario);
    printDiagnostics(project.diagnostics);
    if (!project.project)
        return run;
    pipelab::django::runner::Runner runner(*project.project);
    run.trace = runner.run();
    run.findings = pipelab::django::analysis::findProblems(*project.project, *run.trace);
    printDiagnostics(runner.diagnostics());
    run.ok = !pipelab::scenario::hasErrors(runner.diagnostics());
    return run;
}

// Loads each file as Django's start-up would (spec §4: models, urls with their patterns, views,
// middleware, apps and what ready() imports, then the data), so a name that does not exist is
// reported at its line before any request runs. Prints diagnostics to stderr and "FILE: ok" to
// stdout when a file has no error; warnings do not fail a file.
int check(const std::vector<std::string>& files)
{
    int status = kExitOk;
    for (const std::string& file : files) {
        const pipelab::scenario::LoadResult result = pipelab::scenario::loadScenarioFile(file);
        printDiagnostics(result.diagnostics);
        bool ok = result.ok();
        if (ok) {
            const auto project = pipelab::django::project::Project::load(*result.scenario);
            printDiagnostics(project.diagnostics);
            ok = project.project != nullptr && !pipelab::scenario::hasErrors(project.diagnostics);
        }
        if (ok)
            std::cout << file << ": ok\n";
        else
            status = kExitScenarioError;
    }
    return status;
}

// Runs the scenario's scripted requests: a readable report, or the spec §9 JSON with --json;
// with a Chrome trace file, also writes the trace there.
int traceCommand(const std::string& file, bool json, const std::string& chromeTrace)
{
    const std::optional<pipelab::scenario::Scenario> scenario = loadScenario(file);
    if (!scenario)
        return kExitScenarioError;
    const ScriptedRun scripted = runScripted(*scenario);
    if (!scripted.trace)
        return kExitScenarioError;
    const pipelab::trace::Trace& trace = *scripted.trace;
    if (!chromeTrace.empty()) {
        std::ofstream out(chromeTrace, std::ios::binary);
        out << pipelab::load::toChromeTrace(trace, pipelab::load::CostModel::forScenario(*scenario)).dump(1) << '\n';
        if (!out) {
            std::cerr << chromeTrace << ": error: cannot write the Chrome trace\n";
            return kExitScenarioError;
        }
    }
    if (json)
        std::cout << pipelab::trace::toJson(trace).dump(2) << '\n';
    else
        std::cout << pipelab::django::runner::formatTraceReport(trace) << formatFindingsSection(scripted.findings);
    return scripted.ok ? kExitOk : kExitScenarioError;
}

// A progress bar on stderr, redrawn when the shown percentage changes; only on a terminal.
class ProgressBar {
public:
    ProgressBar() : enabled_(isatty(fileno(stderr)) != 0) {}
    ~ProgressBar() { finish(); }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    pipelab::timing::LoadSimulation::Progress callback()
    {
        if (!enabled_)
            return {};
        return [this](pipelab::timing::SimTime now, pipelab::timing::SimTime end, const pipelab::timing::LoadResult&) { draw(now, end); };
    }

    void finish()
    {
        if (drawn_)
            std::fputs("\r\033[K", stderr);
        drawn_ = false;
    }

private:
    static constexpr int kWidth = 40;

    void draw(pipelab::timing::SimTime now, pipelab::timing::SimTime end)
    {
        const int percent = end > 0 ? static_cast<int>(100 * static_cast<double>(now) / static_cast<double>(end)) : 100;
        if (percent == percent_)
            return;
        percent_ = percent;
        const int filled = kWidth * percent / 100;
        std::fprintf(stderr, "\r[%s%s] %3d%%  %.1f / %.1f s simulated", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), percent,
                     pipelab::timing::toSeconds(now), pipelab::timing::toSeconds(end));
        std::fflush(stderr);
        drawn_ = true;
    }

    bool enabled_;
    bool drawn_ = false;
    int percent_ = -1;
};

// Runs the scenario's `load` section: a readable report, or the spec §9 JSON with --json.
int loadCommand(const std::string& file, bool json)
{
    const std::optional<pipelab::scenario::Scenario> scenario = loadScenario(file);
    if (!scenario)
        return kExitScenarioError;
    pipelab::load::ScenarioLoadRun run;
    {
        ProgressBar progress;
        run = pipelab::load::runScenarioLoad(*scenario, progress.callback());
    }
    printDiagnostics(run.diagnostics);
    if (!run.result)
        return kExitScenarioError;
    if (json)
        std::cout << pipelab::load::loadReportJson(*scenario, run).dump(2) << '\n';
    else
        std::cout << pipelab::load::formatLoadReport(*scenario, run);
    return kExitOk;
}

// Runs the scripted requests and, when the scenario has `load`, the load; checks every `expect`
// item. Prints a line per failed expectation, or "FILE: ok (N expectations)".
int verifyCommand(const std::string& file)
{
    const std::optional<pipelab::scenario::Scenario> scenario = loadScenario(file);
    if (!scenario)
        return kExitScenarioError;
    const ScriptedRun scripted = runScripted(*scenario);
    if (!scripted.ok)
        return kExitScenarioError;
    pipelab::load::ScenarioLoadRun run;
    if (scenario->load) {
        ProgressBar progress;
        run = pipelab::load::runScenarioLoad(*scenario, progress.callback());
    }
    printDiagnostics(run.diagnostics);
    if (scenario->load && !run.result)
        return kExitScenarioError;
    const std::vector<std::string> failures =
        pipelab::load::checkExpectations(*scenario, *scripted.trace, run.result ? &*run.result : nullptr);
    for (const std::string& failure : failures)
        std::cout << failure << '\n';
    if (!failures.empty())
        return kExitScenarioError;
    std::cout << fmt::format("{}: ok ({} expectations)\n", file, scenario->expect.size());
    return kExitOk;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"PipeLab: a Django request-pipeline simulator", "pipelab-cli"};
    app.set_version_flag("--version", "pipelab-cli " PIPELAB_VERSION);
    // No require_subcommand(): CLI11 would then answer "A subcommand is required" even to a
    // misspelled one; without it, an unknown word is reported as not expected.
    app.footer("Exit status: 0 success, 1 scenario error (the FILE:LINE:COL: error: lines say where;\n"
               "a file that cannot be opened is reported as FILE:0:0: error: cannot open file) or a\n"
               "failed expectation (verify), 2 usage error.");

    std::vector<std::string> files;
    CLI::App* checkCommand = app.add_subcommand("check", "Load and validate scenario files; print FILE: ok for each "
                                                         "valid one, FILE:LINE:COL diagnostics on stderr");
    checkCommand->add_option("FILE", files, "Scenario YAML files")->required();

    std::string traceFile;
    bool traceJson = false;
    std::string chromeTrace;
    CLI::App* traceCommandApp = app.add_subcommand("trace", "Run the scenario's scripted requests through the simulated Django "
                                                            "stack; print each request's status, middleware path and "
                                                            "queries with their source lines");
    traceCommandApp->add_option("FILE", traceFile, "Scenario YAML file")->required();
    traceCommandApp->add_flag("--json", traceJson, "Print the trace as one JSON object (spec section 9)");
    traceCommandApp->add_option("--chrome-trace", chromeTrace,
                                "Also write the trace to OUT.json in the Chrome Trace Event format (Perfetto, "
                                "chrome://tracing), with the cost model's durations")
        ->type_name("OUT.json");

    std::string loadFile;
    bool loadJson = false;
    CLI::App* loadCommandApp = app.add_subcommand("load", "Run the scenario's load section in the timing simulation; "
                                                          "print latency percentiles, throughput, timeouts, errors, "
                                                          "database pool wait and utilisation (a progress bar on a terminal)");
    loadCommandApp->add_option("FILE", loadFile, "Scenario YAML file")->required();
    loadCommandApp->add_flag("--json", loadJson, "Print the result as one JSON object (spec section 9)");

    std::string verifyFile;
    CLI::App* verifyCommandApp = app.add_subcommand("verify", "Run the scripted requests and the load, check every "
                                                              "expect item; a line per failed expectation, exit 1 if any");
    verifyCommandApp->add_option("FILE", verifyFile, "Scenario YAML file")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e); // --help, --version
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitUsage;
    }

    if (checkCommand->parsed())
        return check(files);
    if (traceCommandApp->parsed())
        return traceCommand(traceFile, traceJson, chromeTrace);
    if (loadCommandApp->parsed())
        return loadCommand(loadFile, loadJson);
    if (verifyCommandApp->parsed())
        return verifyCommand(verifyFile);
    std::cerr << "A subcommand is required: check, trace, load, verify\nRun with --help for more information.\n";
    return kExitUsage;
}
