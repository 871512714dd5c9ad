// RecentFiles: paths are stored absolute and clean so the same file never appears twice.
#include "gui/app/recentfiles.h"

#include <QFileInfo>

namespace pipelab::gui {

namespace {

QString normalized(const QString& path)
{
    return QFileInfo(path).absoluteFilePath();
}

} // namespace

RecentFiles::RecentFiles(AppSettings settings, QObject* parent) : QObject(parent), settings_(settings)
{
    for (const QString& file : settings_.recentFiles()) {
        if (!file.isEmpty() && !files_.contains(file) && files_.size() < MaxCount)
            files_.append(file);
    }
}

void RecentFiles::add(const QString& path)
{
    const QString file = normalized(path);
    files_.removeAll(file);
    files_.prepend(file);
    while (files_.size() > MaxCount)
        files_.removeLast();
    store();
}

void RecentFiles::remove(const QString& path)
{
    if (files_.removeAll(normalized(path)) > 0)
        store();
}

void RecentFiles::clear()
{
    files_.clear();
    store();
}

void RecentFiles::store()
{
    settings_.setRecentFiles(files_);
    Q_EMIT changed();
}

} // namespace pipelab::gui
