// AppSettings: what PipeLab remembers between runs (QSettings, organization "PipeLab",
// application "PipeLab"): window geometry and layout, the recent files, the last folder a file
// was opened from. A disabled AppSettings remembers nothing and writes nothing — used for
// one-off runs such as `pipelab --screenshot`.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pipelab::gui {

class AppSettings {
public:
    enum class Mode { ReadWrite, Disabled };

    explicit AppSettings(Mode mode = Mode::ReadWrite) : mode_(mode) {}
    bool enabled() const { return mode_ == Mode::ReadWrite; }

    QByteArray value(const QString& key) const;
    void setValue(const QString& key, const QByteArray& value);

    QStringList recentFiles() const;
    void setRecentFiles(const QStringList& files);

    QString lastDirectory() const;
    void setLastDirectory(const QString& directory);

private:
    Mode mode_;
};

} // namespace pipelab::gui
