// PipelineView: fit-to-window scaling (never more than 1.6×, so text stays in proportion).
#include "gui/pipeline/pipelineview.h"

#include "gui/pipeline/pipelinescene.h"
#include "gui/pipeline/playbackcontroller.h"

#include <QEvent>
#include <QResizeEvent>

#include <algorithm>

namespace pipelab::gui {

PipelineView::PipelineView(PlaybackController* playback, QWidget* parent)
    : QGraphicsView(parent), playback_(playback), scene_(new PipelineScene(this))
{
    setObjectName(QStringLiteral("pipelineView"));
    setScene(scene_);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlag(QGraphicsView::DontSavePainterState);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setAlignment(Qt::AlignCenter);
    setFocusPolicy(Qt::StrongFocus);
    scene_->setColors(palette());

    connect(playback_, &PlaybackController::requestChanged, this, &PipelineView::refresh);
    connect(playback_, &PlaybackController::positionChanged, this, &PipelineView::refresh);
    connect(playback_, &PlaybackController::frameAdvanced, this, &PipelineView::refresh);
}

void PipelineView::setMiddleware(const std::vector<std::string>& paths)
{
    if (paths == scene_->middleware())
        return;
    scene_->setMiddleware(paths);
    refresh();
    fit();
}

void PipelineView::refresh()
{
    scene_->showPlayback(*playback_);
}

void PipelineView::fit()
{
    const QRectF rect = scene_->sceneRect();
    if (rect.isEmpty() || viewport()->width() < 10)
        return;
    const qreal scale = std::min({viewport()->width() / rect.width(), viewport()->height() / rect.height(), 1.6});
    setTransform(QTransform::fromScale(scale, scale));
    centerOn(rect.center());
}

void PipelineView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    fit();
}

void PipelineView::changeEvent(QEvent* event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        scene_->setColors(palette());
        refresh();
        fit();
    }
}

} // namespace pipelab::gui
