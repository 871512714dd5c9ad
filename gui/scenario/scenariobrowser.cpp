// ScenarioBrowser: a two-group QStandardItemModel. The bundled group is filled once from the
// resources (the loader reads each file for its name and summary); the recent group follows
// RecentFiles.
#include "gui/scenario/scenariobrowser.h"

#include "sim/scenario/scenarioloader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QStandardItemModel>

namespace pipelab::gui {

ScenarioBrowser::ScenarioBrowser(QWidget* parent)
    : QTreeView(parent), model_(new QStandardItemModel(this)), bundled_(new QStandardItem(tr("Bundled"))),
      recent_(new QStandardItem(tr("Recent")))
{
    setObjectName(QStringLiteral("scenarioBrowser"));
    setHeaderHidden(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setUniformRowHeights(true);
    for (QStandardItem* group : {bundled_, recent_}) {
        group->setSelectable(false);
        QFont font = group->font();
        font.setWeight(QFont::DemiBold);
        group->setFont(font);
        model_->appendRow(group);
    }
    for (const QString& path : bundledPaths()) {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        const QByteArray text = file.readAll();
        const scenario::LoadResult loaded = scenario::loadScenarioText(
            std::string_view(text.constData(), static_cast<std::size_t>(text.size())), path.toStdString());
        auto* item = new QStandardItem(loaded.scenario ? QString::fromStdString(loaded.scenario->name) : QFileInfo(path).fileName());
        item->setData(path, PathRole);
        item->setToolTip(loaded.scenario ? QString::fromStdString(loaded.scenario->summary) : QString());
        bundled_->appendRow(item);
    }
    bundled_->sortChildren(0);
    setModel(model_);
    expandAll();
    connect(this, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString path = index.data(PathRole).toString();
        if (!path.isEmpty())
            Q_EMIT openRequested(path);
    });
}

QStringList ScenarioBrowser::bundledPaths()
{
    QStringList paths;
    const QDir resources(QStringLiteral(":/scenarios"));
    for (const QString& name : resources.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        paths << resources.filePath(name);
    return paths;
}

void ScenarioBrowser::setRecentFiles(const QStringList& files)
{
    recent_->removeRows(0, recent_->rowCount());
    for (const QString& path : files) {
        auto* item = new QStandardItem(QFileInfo(path).fileName());
        item->setData(path, PathRole);
        item->setToolTip(QDir::toNativeSeparators(path));
        recent_->appendRow(item);
    }
    expand(recent_->index());
    markCurrent();
}

void ScenarioBrowser::setCurrentPath(const QString& path)
{
    currentPath_ = path;
    markCurrent();
}

void ScenarioBrowser::markCurrent()
{
    for (QStandardItem* group : {bundled_, recent_}) {
        for (int row = 0; row < group->rowCount(); ++row) {
            QStandardItem* item = group->child(row);
            QFont font = item->font();
            font.setBold(item->data(PathRole).toString() == currentPath_);
            item->setFont(font);
        }
    }
}

} // namespace pipelab::gui
