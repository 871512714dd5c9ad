// Autosave: NAME.yaml holds the text and NAME.path the document's path, NAME being a hash of the
// path so that one document has one entry whatever its name. The text is written before the
// path, so an entry whose .path exists is complete.
#include "gui/scenario/autosave.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace pipelab::gui {

namespace {

bool writeAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

} // namespace

QString Autosave::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/autosave");
}

Autosave::Autosave(QString directory) : directory_(std::move(directory)) {}

QString Autosave::baseName(const QString& documentPath) const
{
    const QByteArray hash = QCryptographicHash::hash(documentPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QDir(directory_).filePath(QString::fromLatin1(hash));
}

bool Autosave::store(const QString& documentPath, const QString& text)
{
    if (!QDir().mkpath(directory_))
        return false;
    const QString base = baseName(documentPath);
    return writeAtomically(base + QStringLiteral(".yaml"), text.toUtf8())
           && writeAtomically(base + QStringLiteral(".path"), documentPath.toUtf8());
}

void Autosave::remove(const QString& documentPath)
{
    const QString base = baseName(documentPath);
    QFile::remove(base + QStringLiteral(".path"));
    QFile::remove(base + QStringLiteral(".yaml"));
}

QList<Autosave::Entry> Autosave::entries() const
{
    QList<Entry> entries;
    const QDir dir(directory_);
    for (const QFileInfo& pathFile : dir.entryInfoList({QStringLiteral("*.path")}, QDir::Files)) {
        QFile path(pathFile.filePath());
        QFile text(dir.filePath(pathFile.completeBaseName() + QStringLiteral(".yaml")));
        if (!path.open(QIODevice::ReadOnly) || !text.open(QIODevice::ReadOnly))
            continue;
        entries.push_back({QString::fromUtf8(path.readAll()), QString::fromUtf8(text.readAll()), QFileInfo(text).lastModified()});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.savedAt > b.savedAt; });
    return entries;
}

} // namespace pipelab::gui
