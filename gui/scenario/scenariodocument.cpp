// ScenarioDocument: reads with QFile so the built-in ":/" scenario and files on disk take the same
// path, then hands the exact bytes to the Qt-free loader.
#include "gui/scenario/scenariodocument.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace pipelab::gui {

using scenario::Diagnostic;

QString ScenarioDocument::defaultScenarioPath()
{
    return QStringLiteral(":/scenarios/n-plus-one-dashboard.yaml");
}

ScenarioDocument::ScenarioDocument(QObject* parent) : QObject(parent) {}

bool ScenarioDocument::isBuiltIn() const
{
    return path_.startsWith(QLatin1String(":/"));
}

QString ScenarioDocument::displayName() const
{
    if (isBuiltIn() && scenario() != nullptr)
        return QString::fromStdString(scenario()->name);
    return QFileInfo(path_).fileName();
}

const scenario::Scenario* ScenarioDocument::scenario() const
{
    return result_.scenario ? &*result_.scenario : nullptr;
}

int ScenarioDocument::errorCount() const
{
    return static_cast<int>(std::count_if(result_.diagnostics.begin(), result_.diagnostics.end(),
                                          [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; }));
}

int ScenarioDocument::warningCount() const
{
    return static_cast<int>(result_.diagnostics.size()) - errorCount();
}

bool ScenarioDocument::load(const QString& path)
{
    QFile file(path);
    QString problem;
    if (!file.open(QIODevice::ReadOnly))
        problem = tr("cannot open file: %1").arg(file.errorString());
    else if (file.size() > MaxFileSize)
        problem = tr("file is too large for a scenario (%1 bytes; the limit is %2)").arg(file.size()).arg(MaxFileSize);
    if (problem.isEmpty())
        return loadText(file.readAll(), path);

    path_ = path;
    text_.clear();
    fileWasRead_ = false;
    setModified(false);
    result_ = {};
    result_.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Error, path.toStdString(), {}, problem.toStdString()});
    Q_EMIT loaded();
    return false;
}

bool ScenarioDocument::loadText(const QByteArray& text, const QString& path)
{
    setModified(false);
    return loadBytes(text, path);
}

bool ScenarioDocument::setText(const QString& text)
{
    setModified(true);
    return loadBytes(text.toUtf8(), path_);
}

bool ScenarioDocument::loadBytes(const QByteArray& text, const QString& path)
{
    path_ = path;
    text_ = QString::fromUtf8(text);
    fileWasRead_ = true;
    // Diagnostics name the file as the user knows it; the built-in one by its repository path.
    const QString diagnosticName = isBuiltIn() ? QStringLiteral("scenarios/") + QFileInfo(path).fileName() : path;
    result_ = scenario::loadScenarioText(std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                                         diagnosticName.toStdString());
    Q_EMIT loaded();
    return result_.ok();
}

bool ScenarioDocument::reload()
{
    return path_.isEmpty() ? false : load(path_);
}

void ScenarioDocument::setModified(bool modified)
{
    if (modified_ == modified)
        return;
    modified_ = modified;
    Q_EMIT modifiedChanged(modified);
}

bool ScenarioDocument::save()
{
    if (path_.isEmpty() || isBuiltIn()) {
        saveError_ = tr("the built-in scenario cannot be overwritten; choose a file to save to");
        return false;
    }
    return saveAs(path_);
}

bool ScenarioDocument::saveAs(const QString& path)
{
    // QSaveFile writes a temporary file and renames it over `path` on commit(): a crash or a full
    // disk leaves the old file whole.
    QSaveFile file(path);
    const QByteArray bytes = text_.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        saveError_ = tr("cannot save %1: %2").arg(path, file.errorString());
        return false;
    }
    saveError_.clear();
    path_ = path;
    setModified(false);
    return true;
}

} // namespace pipelab::gui
