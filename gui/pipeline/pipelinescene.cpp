// PipelineScene: geometry in scene units (the view scales it to fit); static items are cached as
// device pixmaps, the token and query dot are the only items that move every frame.
#include "gui/pipeline/pipelinescene.h"

#include <QFontMetricsF>

#include "gui/pipeline/eventlogmodel.h"
#include "gui/pipeline/playbackcontroller.h"

#include <QFontDatabase>
#include <QGraphicsEllipseItem>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPainterPath>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace pipelab::gui {

namespace {

constexpr qreal kLeft = 16;
constexpr qreal kOnionRight = 716;
constexpr qreal kLaneLeft = 748;
constexpr qreal kLaneRight = 968;
constexpr qreal kTop = 80;       // first layer band
constexpr qreal kBand = 28;      // a layer's label band
constexpr qreal kInset = 10;     // each deeper layer sits this much inside its parent
constexpr qreal kCoreBand = 42;  // URL resolver, view, template engine
constexpr qreal kColumn = 84;    // the request/response columns' distance from the core's sides
constexpr qreal kTokenRadius = 9;
constexpr int kReceiversShown = 4;

QColor mix(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

QPointF lerp(QPointF a, QPointF b, qreal t)
{
    return a + (b - a) * t;
}

qreal easeInOut(qreal t)
{
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

QString modulePart(const std::string& path)
{
    const QString name = QString::fromStdString(path);
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : name.left(dot);
}

bool endsWith(const std::string& text, const char* suffix)
{
    const std::string s(suffix);
    return text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0;
}

} // namespace

PipelineScene::PipelineScene(QObject* parent) : QGraphicsScene(parent)
{
    setItemIndexMethod(QGraphicsScene::NoIndex); // the token moves every frame
    setColors(QPalette());
}

void PipelineScene::setMiddleware(const std::vector<std::string>& paths)
{
    middleware_ = paths;
    rebuild();
}

void PipelineScene::setColors(const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const bool dark = base.lightnessF() < 0.5;
    colors_.background = base;
    colors_.text = text;
    colors_.faint = mix(text, base, 0.45);
    colors_.frame = mix(text, base, 0.72);
    colors_.band = mix(palette.color(QPalette::Highlight), base, dark ? 0.86 : 0.93);
    colors_.accent = palette.color(QPalette::Highlight);
    colors_.response = dark ? QColor(0x4f, 0xc3, 0xa1) : QColor(0x1d, 0x8a, 0x6b);
    colors_.failure = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd0, 0x3b, 0x3b);
    colors_.hit = dark ? QColor(0x5c, 0xd0, 0x7f) : QColor(0x2e, 0x9d, 0x5b);
    colors_.miss = dark ? QColor(0xf2, 0xb1, 0x4c) : QColor(0xd9, 0x8a, 0x12);
    colors_.write = dark ? QColor(0x6f, 0xa8, 0xff) : QColor(0x3b, 0x7d, 0xd8);
    colors_.query = dark ? QColor(0xc0, 0x92, 0xff) : QColor(0x84, 0x52, 0xd0);
    setBackgroundBrush(base);
    rebuild();
}

QGraphicsSimpleTextItem* PipelineScene::addLabel(const QString& text, QPointF pos, qreal pointSize, bool bold,
                                                 const QColor& color)
{
    auto* item = addSimpleText(text);
    QFont font = font_;
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    item->setFont(font);
    item->setBrush(color);
    item->setPos(pos);
    return item;
}

QGraphicsRectItem* PipelineScene::addBox(const QRectF& rect, const QColor& fill, const QColor& stroke, qreal radius)
{
    // A rounded rectangle as a path item would be nicer to type, but QGraphicsRectItem with a
    // rounded painter path keeps hit-testing cheap; radius is drawn by a child path item.
    auto* item = addRect(rect, Qt::NoPen, Qt::NoBrush);
    QPainterPath path;
    path.addRoundedRect(rect, radius, radius);
    auto* shape = new QGraphicsPathItem(path, item);
    shape->setPen(stroke.isValid() ? QPen(stroke, 1.2) : Qt::NoPen);
    shape->setBrush(fill.isValid() ? QBrush(fill) : Qt::NoBrush);
    shape->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    return item;
}

void PipelineScene::rebuild()
{
    clear();
    bands_.clear();
    receivers_.clear();
    fanLines_.clear();
    shownPosition_ = -1;
    shownRequest_ = nullptr;
    anchors_.clear();
    font_ = QFontDatabase::systemFont(QFontDatabase::GeneralFont);

    buildClient();
    buildOnion();
    buildLanes();

    // The moving parts, above everything else.
    trail_ = addPath(QPainterPath(), QPen(QColor(colors_.accent.red(), colors_.accent.green(), colors_.accent.blue(), 110), 3,
                                          Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    trail_->setZValue(5);
    queryDot_ = addEllipse(QRectF(-4.5, -4.5, 9, 9), Qt::NoPen, colors_.query);
    queryDot_->setZValue(9);
    queryDot_->hide();
    token_ = addEllipse(QRectF(-kTokenRadius, -kTokenRadius, 2 * kTokenRadius, 2 * kTokenRadius),
                        QPen(colors_.background, 2.5), colors_.accent);
    token_->setZValue(10);
    token_->setPos(clientRequestPoint());
    failed_ = false;
    tokenLayer_ = QStringLiteral("client");

    qreal bottom = 0;
    for (QGraphicsItem* item : items())
        bottom = std::max(bottom, item->sceneBoundingRect().bottom());
    setSceneRect(0, 0, kLaneRight + kLeft, bottom + kLeft);
}

void PipelineScene::buildClient()
{
    client_ = QRectF(kLeft, 10, kOnionRight - kLeft, 48);
    addBox(client_, mix(colors_.band, colors_.background, 0.3), colors_.frame, 10);
    addLabel(tr("Client"), {client_.left() + 14, client_.top() + 7}, 10.5, true, colors_.text);
    requestLine_ = addLabel(QString(), {client_.left() + 14, client_.top() + 26}, 9, false, colors_.faint);
    statusLabel_ = addLabel(QString(), {client_.right() - 90, client_.top() + 12}, 15, true, colors_.response);
}

void PipelineScene::buildOnion()
{
    const int n = static_cast<int>(middleware_.size());
    const qreal coreDepth = n + 1;
    const qreal coreTop = kTop + coreDepth * kBand;
    const qreal coreInnerTop = coreTop + kBand + 2;
    const qreal coreInnerBottom = coreInnerTop + 3 * kCoreBand + 2 * 6 + 8;
    const qreal coreLeft = kLeft + coreDepth * kInset;
    const qreal coreRight = kOnionRight - coreDepth * kInset;
    requestX_ = coreLeft + kColumn;
    responseX_ = coreRight - kColumn;
    turnX_ = (kLeft + kOnionRight) / 2;

    // Which side is which, once, above the handler.
    addLabel(tr("request ↓"), {requestX_ - 24, kTop - 20}, 8.5, true, colors_.accent);
    auto* up = addLabel(tr("↑ response"), {0, kTop - 20}, 8.5, true, colors_.response);
    up->setX(responseX_ + 24 - up->boundingRect().width());

    const auto addLayer = [&](const QString& key, int depth, const QString& title, const QString& subtitle) {
        const qreal left = kLeft + depth * kInset;
        const qreal right = kOnionRight - depth * kInset;
        const qreal top = kTop + depth * kBand;
        const qreal bottom = coreInnerBottom + (coreDepth - depth) * 5 + 4;
        Band band;
        band.rect = QRectF(left, top, right - left, kBand);
        const QColor fill = depth % 2 == 0 ? colors_.band : mix(colors_.band, colors_.background, 0.55);
        band.frame = addBox(QRectF(left, top, right - left, bottom - top), fill, colors_.frame, 9);
        band.frame->setZValue(depth * 0.01);
        band.highlight = addRect(band.rect.adjusted(1, 1, -1, 0), Qt::NoPen, mix(colors_.accent, colors_.background, 0.75));
        band.highlight->setZValue(3);
        band.highlight->hide();
        auto* name = addLabel(title, {}, 9.5, true, colors_.text);
        auto* module = addLabel(subtitle, {}, 8, false, colors_.faint);
        const qreal width = name->boundingRect().width() + (subtitle.isEmpty() ? 0 : 8 + module->boundingRect().width());
        name->setPos(turnX_ - width / 2, top + (kBand - name->boundingRect().height()) / 2);
        module->setPos(name->x() + name->boundingRect().width() + 8, top + (kBand - module->boundingRect().height()) / 2 + 1);
        name->setZValue(4);
        module->setZValue(4);
        // Hooks show right of the response column, where every layer's band has room.
        band.chip = addLabel(QString(), {responseX_ + 9, top + 8}, 7.5, true, colors_.write);
        band.chip->setZValue(4);
        bands_.insert(key, band);
    };
    addLayer(QStringLiteral("handler"), 0, tr("Handler"), tr("WSGIHandler · BaseHandler.get_response"));
    for (int i = 0; i < n; ++i) {
        const std::string& path = middleware_[static_cast<std::size_t>(i)];
        addLayer(QString::fromStdString(path), i + 1, EventLogModel::shortLayerName(path), modulePart(path));
    }
    addLayer(QStringLiteral("core"), n + 1, tr("_get_response"), tr("resolve → process_view → view → render"));

    const auto addCore = [&](const QString& key, int index, const QString& title) {
        const qreal top = coreInnerTop + index * (kCoreBand + 6);
        Band band;
        band.rect = QRectF(coreLeft + 12, top, coreRight - coreLeft - 24, kCoreBand);
        band.frame = addBox(band.rect, colors_.background, colors_.frame, 7);
        band.frame->setZValue(1);
        band.highlight = addRect(band.rect.adjusted(1, 1, -1, -1), Qt::NoPen, mix(colors_.accent, colors_.background, 0.78));
        band.highlight->setZValue(3);
        band.highlight->hide();
        auto* name = addLabel(title, {}, 9.5, true, colors_.text);
        name->setPos(turnX_ - name->boundingRect().width() / 2, top + 4);
        name->setZValue(4);
        bands_.insert(key, band);
        auto* detail = addLabel(QString(), {0, top + 22}, 8.5, false, colors_.faint);
        detail->setZValue(4);
        return detail;
    };
    resolverDetail_ = addCore(QStringLiteral("urls"), 0, tr("URL resolver"));
    viewDetail_ = addCore(QStringLiteral("view"), 1, tr("View"));
    templateDetail_ = addCore(QStringLiteral("template"), 2, tr("Template engine"));

    // Faint guides for the two sides the token travels.
    QPen guide(colors_.frame, 1, Qt::DashLine);
    const qreal guideBottom = coreInnerTop + 3 * kCoreBand + 12;
    addLine(requestX_, client_.bottom(), requestX_, guideBottom, guide)->setZValue(2);
    addLine(responseX_, client_.bottom(), responseX_, guideBottom, guide)->setZValue(2);
}

void PipelineScene::buildLanes()
{
    const qreal width = kLaneRight - kLaneLeft;
    addLabel(tr("SIDE LANES"), {kLaneLeft, kTop - 20}, 8, true, colors_.faint);

    cacheBox_ = QRectF(kLaneLeft, kTop, width, 78);
    addBox(cacheBox_, colors_.background, colors_.frame, 9);
    cacheFlash_ = addBox(cacheBox_, colors_.hit, QColor(), 9);
    cacheFlash_->setOpacity(0.22);
    cacheFlash_->hide();
    addLabel(tr("Cache"), {cacheBox_.left() + 12, cacheBox_.top() + 8}, 10, true, colors_.text);
    cacheCounter_ = addLabel(QString(), {cacheBox_.left() + 12, cacheBox_.top() + 30}, 9, false, colors_.text);
    cacheDetail_ = addLabel(QString(), {cacheBox_.left() + 12, cacheBox_.top() + 50}, 8, false, colors_.faint);

    signalBox_ = QRectF(kLaneLeft, cacheBox_.bottom() + 16, width, 48 + kReceiversShown * 20 + 8);
    addBox(signalBox_, colors_.background, colors_.frame, 9);
    signalFlash_ = addBox(signalBox_, colors_.write, QColor(), 9);
    signalFlash_->setOpacity(0.16);
    signalFlash_->hide();
    addLabel(tr("Signal bus"), {signalBox_.left() + 12, signalBox_.top() + 8}, 10, true, colors_.text);
    signalCounter_ = addLabel(QString(), {signalBox_.left() + 110, signalBox_.top() + 10}, 8.5, false, colors_.faint);
    const QPointF bus(signalBox_.left() + 22, signalBox_.top() + 40);
    addEllipse(QRectF(bus - QPointF(4, 4), QSizeF(8, 8)), Qt::NoPen, colors_.write);
    for (int i = 0; i < kReceiversShown; ++i) {
        const QPointF target(signalBox_.left() + 48, signalBox_.top() + 48 + i * 20 + 8);
        QPainterPath path(bus);
        path.cubicTo(bus + QPointF(10, 0), target - QPointF(16, 0), target);
        auto* line = addPath(path, QPen(colors_.write, 1.4));
        line->hide();
        fanLines_.push_back(line);
        auto* label = addLabel(QString(), {target.x() + 4, target.y() - 8}, 8.5, false, colors_.text);
        receivers_.push_back(label);
    }

    // ORM and database next to the view when there is room, below the signal bus otherwise.
    const Band* view = bandFor("view");
    const qreal ormTop = std::max(view != nullptr ? view->rect.top() : 0, signalBox_.bottom() + 16);
    ormBox_ = QRectF(kLaneLeft, ormTop, width, kCoreBand);
    databaseBox_ = QRectF(kLaneLeft, ormBox_.bottom() + 26, width, 92);
    addBox(ormBox_, colors_.background, colors_.frame, 7);
    addLabel(tr("ORM"), {ormBox_.left() + 12, ormBox_.top() + 6}, 10, true, colors_.text);
    addLabel(tr("QuerySet → SQL compiler"), {ormBox_.left() + 12, ormBox_.top() + 25}, 8.5, false, colors_.faint);
    addBox(databaseBox_, mix(colors_.query, colors_.background, 0.9), colors_.query, 12);
    databaseFlash_ = addBox(databaseBox_, colors_.query, QColor(), 12);
    databaseFlash_->setOpacity(0.25);
    databaseFlash_->hide();
    addLabel(tr("Database"), {databaseBox_.left() + 12, databaseBox_.top() + 8}, 10, true, colors_.text);
    addLabel(tr("SQLite · connection.queries"), {databaseBox_.left() + 12, databaseBox_.top() + 26}, 8, false, colors_.faint);
    queryCounter_ = addLabel(QString(), {databaseBox_.left() + 12, databaseBox_.top() + 46}, 20, true, colors_.query);

    // Lanes: view and templates talk to the ORM, the ORM to the database.
    QPen lane(colors_.frame, 1.4, Qt::DashLine);
    if (view != nullptr) {
        QPainterPath path(QPointF(view->rect.right(), view->rect.center().y()));
        path.cubicTo(QPointF(view->rect.right() + 30, view->rect.center().y()),
                     QPointF(ormBox_.left() - 30, ormBox_.center().y()), QPointF(ormBox_.left(), ormBox_.center().y()));
        addPath(path, lane);
    }
    if (const Band* tmpl = bandFor("template")) {
        QPainterPath path(QPointF(tmpl->rect.right(), tmpl->rect.center().y()));
        path.cubicTo(QPointF(tmpl->rect.right() + 30, tmpl->rect.center().y()),
                     QPointF(ormBox_.left() - 30, ormBox_.center().y()), QPointF(ormBox_.left(), ormBox_.center().y()));
        addPath(path, lane);
    }
    addLine(QLineF(ormBox_.center().x(), ormBox_.bottom(), databaseBox_.center().x(), databaseBox_.top()), lane);
}

const PipelineScene::Band* PipelineScene::bandFor(const std::string& layer) const
{
    const auto it = bands_.constFind(QString::fromStdString(layer));
    return it == bands_.cend() ? nullptr : &it.value();
}

double PipelineScene::bandY(const std::string& layer) const
{
    const Band* band = bandFor(layer);
    return band != nullptr ? band->rect.center().y() : client_.center().y();
}

QPointF PipelineScene::clientRequestPoint() const
{
    return {requestX_, client_.center().y()};
}

QPointF PipelineScene::tokenPos() const
{
    return token_ != nullptr ? token_->pos() : QPointF();
}

QPointF PipelineScene::anchorFor(const trace::Event& event, QPointF previous) const
{
    using K = trace::EventKind;
    // The handler's inner layer ("handler" on LayerEnter/Leave) is _get_response: the core.
    const std::string layer = event.layer == "handler" && (event.kind == K::LayerEnter || event.kind == K::LayerLeave ||
                                                             event.kind == K::Exception)
                                  ? std::string("core")
                                  : event.layer;
    switch (event.kind) {
    case K::RequestStarted:
        return {requestX_, bandY("handler")};
    case K::LayerEnter:
        return {requestX_, bandY(layer)};
    case K::LayerLeave:
        return {responseX_, bandY(layer)};
    case K::ShortCircuit:
    case K::Exception:
        return {turnX_, bandY(layer)};
    case K::UrlResolved:
        return {requestX_, bandY("urls")};
    case K::ViewCalled:
        return {requestX_, bandY("view")};
    case K::ViewReturned:
        return {responseX_, bandY("view")};
    case K::TemplateRender:
        return {turnX_ - 120, bandY("template")};
    case K::ResponseSent:
        return {responseX_, client_.center().y()};
    case K::Hook:
    case K::Query:
    case K::InstancesBuilt:
    case K::CacheOp:
    case K::Signal:
        return previous;
    }
    return previous;
}

void PipelineScene::resetDynamic()
{
    for (Band& band : bands_) {
        band.highlight->hide();
        if (band.chip != nullptr)
            band.chip->setText(QString());
    }
    for (auto* line : fanLines_)
        line->hide();
    for (auto* label : receivers_)
        label->setText(QString());
    requestLine_->setText(QString());
    statusLabel_->setText(QString());
    resolverDetail_->setText(QString());
    viewDetail_->setText(QString());
    templateDetail_->setText(QString());
    cacheDetail_->setText(QString());
    cacheFlash_->hide();
    signalFlash_->hide();
    databaseFlash_->hide();
    queryDot_->hide();
    trail_->setPath(QPainterPath());
}

void PipelineScene::showPlayback(const PlaybackController& playback)
{
    const trace::RequestTrace* request = playback.request();
    if (request != shownRequest_ || anchors_.empty()) {
        shownRequest_ = request;
        shownPosition_ = -1;
        anchors_.assign(1, clientRequestPoint());
        if (request != nullptr) {
            anchors_.reserve(request->events.size() + 1);
            for (const trace::Event& e : request->events)
                anchors_.push_back(anchorFor(e, anchors_.back()));
        }
    }
    const int position = std::clamp(playback.position(), 0, static_cast<int>(anchors_.size()) - 1);
    const trace::Event* current = playback.currentEvent();
    const double phase = playback.phase();

    // The token: on its way from the previous anchor to the current one.
    const QPointF from = anchors_[static_cast<std::size_t>(std::max(0, position - 1))];
    const QPointF to = anchors_[static_cast<std::size_t>(position)];
    token_->setPos(lerp(from, to, easeInOut(phase / 0.7)));

    // A query flies from the token to the database while its event plays.
    if (current != nullptr && current->kind == trace::EventKind::Query && phase < 1) {
        QPointF target = databaseBox_.center();
        const QPointF start = to;
        const QPointF via = ormBox_.center();
        const qreal t = std::clamp(phase / 0.8, 0.0, 1.0);
        queryDot_->setPos(t < 0.5 ? lerp(start, via, t * 2) : lerp(via, target, (t - 0.5) * 2));
        queryDot_->show();
    } else {
        queryDot_->hide();
    }
    if (position == shownPosition_)
        return;
    shownPosition_ = position;

    resetDynamic();
    if (request == nullptr) {
        token_->setPos(clientRequestPoint());
        token_->setBrush(colors_.accent);
        failed_ = false;
        tokenLayer_ = QStringLiteral("client");
        queryCounter_->setText(QString());
        cacheCounter_->setText(QString());
        signalCounter_->setText(QString());
        return;
    }

    requestLine_->setText(QStringLiteral("%1 %2%3").arg(QString::fromStdString(request->method), QString::fromStdString(request->path),
                                                        request->user ? tr("  ·  user %1").arg(QString::fromStdString(*request->user))
                                                                      : tr("  ·  anonymous")));

    // What the played events left behind: the trail, hooks that ran, resolver/view/template
    // details, the receivers reached, the failure.
    failed_ = false;
    QPainterPath trail(anchors_[0]);
    std::vector<QString> receivers;
    QStringList templates;
    tokenLayer_ = QStringLiteral("client");
    for (int i = 0; i < position; ++i) {
        const trace::Event& e = request->events[static_cast<std::size_t>(i)];
        const QPointF point = anchors_[static_cast<std::size_t>(i + 1)];
        if (point != anchors_[static_cast<std::size_t>(i)])
            trail.lineTo(point);
        using K = trace::EventKind;
        switch (e.kind) {
        case K::Exception:
            failed_ = true;
            break;
        case K::Hook:
            if (const Band* band = bandFor(e.layer); band != nullptr && band->chip != nullptr) {
                band->chip->setText(QString::fromStdString(e.detail));
                band->chip->setBrush(e.detail == "process_exception" ? colors_.failure : colors_.write);
            }
            break;
        case K::UrlResolved:
            resolverDetail_->setText(e.count == 404 ? tr("no URL pattern matched → 404")
                                                    : tr("matched  %1").arg(QString::fromStdString(e.detail)));
            break;
        case K::ViewCalled:
            viewDetail_->setText(QString::fromStdString(e.detail));
            break;
        case K::TemplateRender:
            if (!templates.contains(QString::fromStdString(e.detail)))
                templates << QString::fromStdString(e.detail);
            break;
        case K::Signal:
            receivers.push_back(QString::fromStdString(e.detail));
            break;
        case K::CacheOp: {
            // Cache keys are long hashes: elided to the box, whole in the tool tip.
            const QString detail = QString::fromStdString(e.detail);
            const QFontMetricsF metrics(cacheDetail_->font());
            cacheDetail_->setText(metrics.elidedText(detail, Qt::ElideMiddle, cacheBox_.width() - 24));
            cacheDetail_->setToolTip(detail);
            break;
        }
        case K::ResponseSent:
            statusLabel_->setText(QString::number(e.count));
            statusLabel_->setBrush(e.count >= 400 ? colors_.failure : colors_.response);
            break;
        default:
            break;
        }
        if (e.kind == K::LayerEnter || e.kind == K::LayerLeave || e.kind == K::ShortCircuit)
            tokenLayer_ = QString::fromStdString(e.layer);
        else if (e.kind == K::UrlResolved)
            tokenLayer_ = QStringLiteral("urls");
        else if (e.kind == K::ViewCalled || e.kind == K::ViewReturned)
            tokenLayer_ = QStringLiteral("view");
        else if (e.kind == K::TemplateRender)
            tokenLayer_ = QStringLiteral("template");
        else if (e.kind == K::ResponseSent || e.kind == K::RequestStarted)
            tokenLayer_ = e.kind == K::ResponseSent ? QStringLiteral("client") : QStringLiteral("handler");
    }
    trail_->setPath(trail);
    templateDetail_->setText(templates.join(QStringLiteral(", ")));
    for (QGraphicsSimpleTextItem* detail : {resolverDetail_, viewDetail_, templateDetail_})
        detail->setX(turnX_ - detail->boundingRect().width() / 2);

    const QColor tokenColor = failed_ ? colors_.failure : colors_.accent;
    token_->setBrush(tokenColor);
    QPen trailPen = trail_->pen();
    trailPen.setColor(QColor(tokenColor.red(), tokenColor.green(), tokenColor.blue(), 110));
    trail_->setPen(trailPen);

    // The layer the current event happened in lights up.
    if (current != nullptr) {
        std::string layer = current->layer;
        if (current->kind == trace::EventKind::UrlResolved)
            layer = "urls";
        else if (current->kind == trace::EventKind::Query || current->kind == trace::EventKind::InstancesBuilt ||
                 current->kind == trace::EventKind::CacheOp || current->kind == trace::EventKind::Signal)
            layer = tokenLayer_.toStdString(); // side-lane work is done from where the token is
        else if (layer == "handler" && current->kind != trace::EventKind::RequestStarted && current->kind != trace::EventKind::ResponseSent)
            layer = "core";
        if (const Band* band = bandFor(layer)) {
            band->highlight->setBrush(mix(current->kind == trace::EventKind::Exception ? colors_.failure : colors_.accent,
                                          colors_.background, 0.75));
            band->highlight->show();
        }
    }

    // Receivers fan out from the bus: the latest ones, the newest highlighted.
    const std::size_t shown = std::min<std::size_t>(receivers.size(), kReceiversShown);
    for (std::size_t i = 0; i < shown; ++i) {
        const QString& name = receivers[receivers.size() - shown + i];
        receivers_[i]->setText(name);
        fanLines_[i]->show();
        const bool newest = i + 1 == shown && current != nullptr && current->kind == trace::EventKind::Signal;
        receivers_[i]->setBrush(newest ? colors_.write : colors_.text);
        QPen pen = fanLines_[i]->pen();
        pen.setWidthF(newest ? 2.4 : 1.2);
        fanLines_[i]->setPen(pen);
    }
    signalCounter_->setText(playback.signalsPlayed() == 1 ? tr("1 receiver run") : tr("%1 receivers run").arg(playback.signalsPlayed()));
    signalFlash_->setVisible(current != nullptr && current->kind == trace::EventKind::Signal);

    cacheCounter_->setText(tr("hits %1  ·  misses %2").arg(playback.cacheHitsPlayed()).arg(playback.cacheMissesPlayed()));
    if (current != nullptr && current->kind == trace::EventKind::CacheOp) {
        const QColor flash = endsWith(current->detail, " hit") ? colors_.hit : endsWith(current->detail, " miss") ? colors_.miss : colors_.write;
        if (auto* shape = qgraphicsitem_cast<QGraphicsPathItem*>(cacheFlash_->childItems().value(0)))
            shape->setBrush(flash);
        cacheFlash_->show();
    }

    const int queries = playback.queriesPlayed();
    queryCounter_->setText(queries == 1 ? tr("1 query") : tr("%1 queries").arg(queries));
    databaseFlash_->setVisible(current != nullptr && current->kind == trace::EventKind::Query);
}

} // namespace pipelab::gui
