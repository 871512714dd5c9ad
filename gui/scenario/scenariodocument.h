// ScenarioDocument: the scenario file the window shows — where it came from, its exact text, and
// what the loader made of it (the typed Scenario when it loaded, and every diagnostic). Every edit
// the GUI makes is a new text for the whole file (setText), loaded like a file would be; save()
// writes that text back atomically.
#pragma once

#include "sim/scenario/scenarioloader.h"

#include <QObject>
#include <QString>

namespace pipelab::gui {

class ScenarioDocument : public QObject {
    Q_OBJECT
public:
    // The scenario built into the binary (scenarios/n-plus-one-dashboard.yaml).
    static QString defaultScenarioPath();
    // Files larger than this are refused rather than read: no scenario is anywhere near it.
    static constexpr qint64 MaxFileSize = 8 * 1024 * 1024;

    explicit ScenarioDocument(QObject* parent = nullptr);

    // Reads and loads `path` (a file or a ":/" resource). Returns true when the scenario loaded
    // without errors; otherwise diagnostics() says why (a file that cannot be read is one error).
    bool load(const QString& path);
    // Loads `text` as if it were the file `path`.
    bool loadText(const QByteArray& text, const QString& path);
    // Loads the same path again (unsaved edits are dropped).
    bool reload();

    // Replaces the text as an edit: loads it, marks the document modified and emits loaded().
    // Returns true when the new text loaded without errors.
    bool setText(const QString& text);
    bool isModified() const { return modified_; }

    // Writes text() to path() through QSaveFile (all or nothing) and clears the modified flag.
    // The built-in scenario cannot be written: use saveAs(). On failure saveError() says why.
    bool save();
    // As save(), to `path`, which becomes the document's path.
    bool saveAs(const QString& path);
    QString saveError() const { return saveError_; }

    QString path() const { return path_; }
    QString displayName() const; // file name, or the scenario name for the built-in one
    bool isBuiltIn() const;
    bool isEmpty() const { return path_.isEmpty(); }
    bool fileWasRead() const { return fileWasRead_; }
    QString text() const { return text_; }

    const scenario::Scenario* scenario() const;
    const std::vector<scenario::Diagnostic>& diagnostics() const { return result_.diagnostics; }
    int errorCount() const;
    int warningCount() const;

Q_SIGNALS:
    void loaded();
    void modifiedChanged(bool modified);

private:
    bool loadBytes(const QByteArray& text, const QString& path);
    void setModified(bool modified);

    QString path_;
    QString text_;
    bool fileWasRead_ = false;
    scenario::LoadResult result_;
    bool modified_ = false;
    QString saveError_;
};

} // namespace pipelab::gui
