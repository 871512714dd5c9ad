// tracefixture: runs a scenario text through the engine (loader, Project, Runner) the way the
// CLI's `trace` does, for GUI tests that need a real trace to display.
#pragma once

#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"
#include "sim/scenario/scenarioloader.h"
#include "sim/trace/requesttrace.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtGlobal>

#include <string>

namespace tracefixture {

inline QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

inline const QString& defaultScenarioPath()
{
    static const QString path = QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml");
    return path;
}

inline pipelab::trace::Trace run(const QByteArray& yaml)
{
    const auto loaded = pipelab::scenario::loadScenarioText(std::string(yaml.constData(), yaml.size()), "test.yaml");
    if (!loaded.ok())
        qFatal("scenario does not load: %s", loaded.diagnostics.front().format().c_str());
    auto project = pipelab::django::project::Project::load(*loaded.scenario);
    if (!project.project)
        qFatal("project does not start: %s", project.diagnostics.front().format().c_str());
    pipelab::django::runner::Runner runner(*project.project);
    return runner.run();
}

} // namespace tracefixture
