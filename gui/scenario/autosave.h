// Autosave: unsaved edits kept on disk as they are made, so a crash, a kill or a power cut loses
// nothing. Each edited document has one entry in the autosave folder (the app's local data
// folder, "autosave/"): its text and the path it belongs to, both written through QSaveFile. A
// save or a deliberate discard removes the entry; the next start offers what is left.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace pipelab::gui {

class Autosave {
public:
    struct Entry {
        QString documentPath; // the file (or ":/" resource) the edits belong to
        QString text;         // the whole edited scenario text
        QDateTime savedAt;
    };

    // The default folder: QStandardPaths::AppLocalDataLocation + "/autosave".
    static QString defaultDirectory();
    explicit Autosave(QString directory = defaultDirectory());

    // Keeps `text` as the unsaved state of `documentPath`. False if it could not be written.
    bool store(const QString& documentPath, const QString& text);
    void remove(const QString& documentPath);
    // Every entry left, newest first.
    QList<Entry> entries() const;

    QString directory() const { return directory_; }

private:
    QString baseName(const QString& documentPath) const;

    QString directory_;
};

} // namespace pipelab::gui
