// RecentFiles: the last ten scenario files opened, newest first, kept in AppSettings.
#pragma once

#include "gui/app/appsettings.h"

#include <QObject>
#include <QStringList>

namespace pipelab::gui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxCount = 10;

    explicit RecentFiles(AppSettings settings, QObject* parent = nullptr);

    QStringList files() const { return files_; }
    // Moves `path` (made absolute) to the front, dropping the oldest beyond MaxCount.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

Q_SIGNALS:
    void changed();

private:
    void store();

    AppSettings settings_;
    QStringList files_;
};

} // namespace pipelab::gui
