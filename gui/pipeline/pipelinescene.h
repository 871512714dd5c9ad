// PipelineScene: Django's onion drawn once per MIDDLEWARE list — the client on top, the handler,
// each middleware as a nested layer, and at the core _get_response with the URL resolver, the view
// and the template engine; beside it the side lanes: ORM → database, cache and the signal bus.
// showPlayback() puts the request token where the played events took it: down the request side of
// every layer that saw it, across where a layer answered, back up the response side; red after an
// exception; queries fly to the database and count up; cache hits/misses flash; signals fan out.
// Only the token, its trail, the flying query and a few labels change while playing; everything
// else is built once and cached.
#pragma once

#include "sim/trace/requesttrace.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPalette>

#include <string>
#include <vector>

class QGraphicsEllipseItem;
class QGraphicsPathItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace pipelab::gui {

class PlaybackController;

class PipelineScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit PipelineScene(QObject* parent = nullptr);

    // Rebuilds the static picture for these MIDDLEWARE paths (outermost first).
    void setMiddleware(const std::vector<std::string>& paths);
    const std::vector<std::string>& middleware() const { return middleware_; }
    // Rebuilds with the colours of `palette` (light or dark).
    void setColors(const QPalette& palette);

    // Shows the controller's request at its position and phase.
    void showPlayback(const PlaybackController& playback);

    // Where the token rests after `event` (scene coordinates); `previous` is where it was, for
    // events that do not move it (a query, a hook, a cache operation).
    QPointF anchorFor(const trace::Event& event, QPointF previous) const;
    QPointF clientRequestPoint() const;
    QPointF tokenPos() const;
    bool tokenFailed() const { return failed_; }
    // The pipeline layer the token is in: "client", "handler", a middleware path, "urls",
    // "view", "template".
    QString tokenLayer() const { return tokenLayer_; }

private:
    struct Band {
        QRectF rect;   // the layer's label band
        QGraphicsRectItem* frame = nullptr;
        QGraphicsRectItem* highlight = nullptr;
        QGraphicsSimpleTextItem* chip = nullptr; // the hook that ran here (process_view ...)
    };
    struct Colors {
        QColor background, text, faint, frame, band, accent, response, failure, hit, miss, write, query;
    };

    void rebuild();
    void buildClient();
    void buildOnion();
    void buildLanes();
    QGraphicsSimpleTextItem* addLabel(const QString& text, QPointF pos, qreal pointSize, bool bold, const QColor& color);
    QGraphicsRectItem* addBox(const QRectF& rect, const QColor& fill, const QColor& stroke, qreal radius);
    const Band* bandFor(const std::string& layer) const;
    double bandY(const std::string& layer) const;
    void resetDynamic();
    void showLanes(const PlaybackController& playback, const trace::Event* current, double phase);

    std::vector<std::string> middleware_;
    Colors colors_;
    QFont font_;

    // Geometry (scene units).
    qreal requestX_ = 0;
    qreal responseX_ = 0;
    qreal turnX_ = 0;
    QRectF client_;
    QRectF ormBox_, databaseBox_, cacheBox_, signalBox_;
    QHash<QString, Band> bands_; // by layer key: "handler", middleware path, "core", "urls", "view", "template"

    // Dynamic items.
    QGraphicsEllipseItem* token_ = nullptr;
    QGraphicsEllipseItem* queryDot_ = nullptr;
    QGraphicsPathItem* trail_ = nullptr;
    QGraphicsSimpleTextItem* requestLine_ = nullptr;
    QGraphicsSimpleTextItem* statusLabel_ = nullptr;
    QGraphicsSimpleTextItem* queryCounter_ = nullptr;
    QGraphicsSimpleTextItem* cacheCounter_ = nullptr;
    QGraphicsSimpleTextItem* cacheDetail_ = nullptr;
    QGraphicsSimpleTextItem* signalCounter_ = nullptr;
    std::vector<QGraphicsSimpleTextItem*> receivers_;
    std::vector<QGraphicsPathItem*> fanLines_;
    QGraphicsSimpleTextItem* resolverDetail_ = nullptr;
    QGraphicsSimpleTextItem* viewDetail_ = nullptr;
    QGraphicsSimpleTextItem* templateDetail_ = nullptr;
    QGraphicsRectItem* databaseFlash_ = nullptr;
    QGraphicsRectItem* cacheFlash_ = nullptr;
    QGraphicsRectItem* signalFlash_ = nullptr;

    // Playback state shown last (the trail is rebuilt only when the position changes).
    int shownPosition_ = -1;
    const trace::RequestTrace* shownRequest_ = nullptr;
    std::vector<QPointF> anchors_; // anchors_[i]: the token after i events (anchors_[0]: client)
    bool failed_ = false;
    QString tokenLayer_ = QStringLiteral("client");
};

} // namespace pipelab::gui
