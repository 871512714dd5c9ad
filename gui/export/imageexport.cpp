// ImageExport: QWidget::grab for PNG, QSvgGenerator (Qt SVG) for SVG, into memory buffers.
#include "gui/export/imageexport.h"

#include <QBuffer>
#include <QGraphicsScene>
#include <QPainter>
#include <QPixmap>
#include <QSvgGenerator>
#include <QWidget>

namespace pipelab::gui {

QByteArray ImageExport::widgetPng(QWidget* widget)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!widget->grab().save(&buffer, "PNG"))
        return {};
    return bytes;
}

QByteArray ImageExport::widgetSvg(QWidget* widget, const QString& title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(widget->size());
    generator.setViewBox(QRect(QPoint(0, 0), widget->size()));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Exported by PipeLab"));
    QPainter painter(&generator);
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter.end();
    return bytes;
}

QByteArray ImageExport::sceneSvg(QGraphicsScene* scene, const QString& title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    const QRectF source = scene->itemsBoundingRect().adjusted(-8, -8, 8, 8);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Exported by PipeLab"));
    QPainter painter(&generator);
    painter.setRenderHint(QPainter::Antialiasing);
    scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    return bytes;
}

} // namespace pipelab::gui
