// ImageExport: the pipeline and the charts as pictures — PNG at the screen's device pixel ratio,
// SVG as vectors (a QGraphicsScene renders its items, a widget paints itself into the
// generator). The bytes are returned; TraceExport::writeFile() stores them atomically.
#pragma once

#include <QByteArray>
#include <QString>

class QGraphicsScene;
class QWidget;

namespace pipelab::gui {

class ImageExport {
public:
    static QByteArray widgetPng(QWidget* widget);
    static QByteArray widgetSvg(QWidget* widget, const QString& title);
    static QByteArray sceneSvg(QGraphicsScene* scene, const QString& title);
};

} // namespace pipelab::gui
