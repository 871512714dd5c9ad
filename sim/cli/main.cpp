// pipelab-cli: the command-line face of the simulator (scenario-format §9). Thin by design:
// it parses arguments with CLI11, calls the sim library and prints.
#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"
#include "sim/django/runner/tracereport.h"
#include "sim/scenario/scenarioloader.h"
#include "sim/trace/jsonexport.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitScenarioError = 1;
constexpr int kExitUsage = 2;

// Loads each file as Django's start-up would (spec §4: models, urls with their patterns, views,
// middleware, apps and what ready() imports, then the data), so a name that does not exist is
// reported at its line before any request runs. Prints diagnostics to stderr and "FILE: ok" to
// stdout when a file has no error; warnings do not fail a file.
int check(const std::vector<std::string>& files)
{
    int status = kExitOk;
    for (const std::string& file : files) {
        const pipelab::scenario::LoadResult result = pipelab::scenario::loadScenarioFile(file);
        for (const pipelab::scenario::Diagnostic& diagnostic : result.diagnostics)
            std::cerr << diagnostic.format() << '\n';
        bool ok = result.ok();
        if (ok) {
            const auto project = pipelab::django::project::Project::load(*result.scenario);
            for (const pipelab::scenario::Diagnostic& diagnostic : project.diagnostics)
                std::cerr << diagnostic.format() << '\n';
            ok = project.project != nullptr && !pipelab::scenario::hasErrors(project.diagnostics);
        }
        if (ok)
            std::cout << file << ": ok\n";
        else
            status = kExitScenarioError;
    }
    return status;
}

// Runs the scenario's scripted requests: a readable report, or the spec §9 JSON with --json.
int traceCommand(const std::string& file, bool json)
{
    const pipelab::scenario::LoadResult loaded = pipelab::scenario::loadScenarioFile(file);
    for (const pipelab::scenario::Diagnostic& diagnostic : loaded.diagnostics)
        std::cerr << diagnostic.format() << '\n';
    if (!loaded.ok())
        return kExitScenarioError;
    pipelab::django::project::Project::LoadResult project = pipelab::django::project::Project::load(*loaded.scenario);
    for (const pipelab::scenario::Diagnostic& diagnostic : project.diagnostics)
        std::cerr << diagnostic.format() << '\n';
    if (!project.project)
        return kExitScenarioError;
    pipelab::django::runner::Runner runner(*project.project);
    const pipelab::trace::Trace trace = runner.run();
    for (const pipelab::scenario::Diagnostic& diagnostic : runner.diagnostics())
        std::cerr << diagnostic.format() << '\n';
    if (json)
        std::cout << pipelab::trace::toJson(trace).dump(2) << '\n';
    else
        std::cout << pipelab::django::runner::formatTraceReport(trace);
    return pipelab::scenario::hasErrors(runner.diagnostics()) ? kExitScenarioError : kExitOk;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"PipeLab: a Django request-pipeline simulator", "pipelab-cli"};
    app.set_version_flag("--version", "pipelab-cli " PIPELAB_VERSION);
    // No require_subcommand(): CLI11 would then answer "A subcommand is required" even to a
    // misspelled one; without it, an unknown word is reported as not expected.
    app.footer("Exit status: 0 success, 1 scenario error (the FILE:LINE:COL: error: lines say where;\n"
               "a file that cannot be opened is reported as FILE:0:0: error: cannot open file),\n"
               "2 usage error.");

    std::vector<std::string> files;
    CLI::App* checkCommand = app.add_subcommand("check", "Load and validate scenario files; print FILE: ok for each "
                                                         "valid one, FILE:LINE:COL diagnostics on stderr");
    checkCommand->add_option("FILE", files, "Scenario YAML files")->required();

    std::string traceFile;
    bool traceJson = false;
    CLI::App* traceCommandApp = app.add_subcommand("trace", "Run the scenario's scripted requests through the simulated Django "
                                                            "stack; print each request's status, middleware path and "
                                                            "queries with their source lines");
    traceCommandApp->add_option("FILE", traceFile, "Scenario YAML file")->required();
    traceCommandApp->add_flag("--json", traceJson, "Print the trace as one JSON object (spec section 9)");

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
        return traceCommand(traceFile, traceJson);
    std::cerr << "A subcommand is required: check, trace\nRun with --help for more information.\n";
    return kExitUsage;
}
