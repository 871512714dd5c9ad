// ScenarioBrowser: the Scenarios dock — the scenarios bundled with PipeLab (each by its name, its
// summary as a tool tip) and the files opened recently. Activating an entry asks the window to
// open it; the browser itself opens nothing.
#pragma once

#include <QStringList>
#include <QTreeView>

class QStandardItem;
class QStandardItemModel;

namespace pipelab::gui {

class ScenarioBrowser : public QTreeView {
    Q_OBJECT
public:
    enum Role { PathRole = Qt::UserRole + 1 };

    explicit ScenarioBrowser(QWidget* parent = nullptr);

    // The bundled scenarios: every ":/scenarios/*.yaml", sorted by name (read once).
    static QStringList bundledPaths();

    void setRecentFiles(const QStringList& files);
    // Marks the entry of the open document (bold), if listed.
    void setCurrentPath(const QString& path);

    QStandardItemModel* browserModel() const { return model_; }

Q_SIGNALS:
    void openRequested(const QString& path);

private:
    void markCurrent();

    QStandardItemModel* model_;
    QStandardItem* bundled_;
    QStandardItem* recent_;
    QString currentPath_;
};

} // namespace pipelab::gui
