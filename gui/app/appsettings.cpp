// AppSettings: a thin, switchable front for QSettings so no other class names a settings key.
#include "gui/app/appsettings.h"

#include <QSettings>

namespace pipelab::gui {

namespace {

QSettings settings()
{
    return QSettings(QStringLiteral("PipeLab"), QStringLiteral("PipeLab"));
}

} // namespace

QByteArray AppSettings::value(const QString& key) const
{
    return enabled() ? settings().value(key).toByteArray() : QByteArray();
}

void AppSettings::setValue(const QString& key, const QByteArray& value)
{
    if (enabled())
        settings().setValue(key, value);
}

QStringList AppSettings::recentFiles() const
{
    return enabled() ? settings().value(QStringLiteral("recentFiles")).toStringList() : QStringList();
}

void AppSettings::setRecentFiles(const QStringList& files)
{
    if (enabled())
        settings().setValue(QStringLiteral("recentFiles"), files);
}

QString AppSettings::lastDirectory() const
{
    return enabled() ? settings().value(QStringLiteral("lastDirectory")).toString() : QString();
}

void AppSettings::setLastDirectory(const QString& directory)
{
    if (enabled())
        settings().setValue(QStringLiteral("lastDirectory"), directory);
}

} // namespace pipelab::gui
