// SPDX-License-Identifier: MIT
#include "window/exporter.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace prunescope::ui {

namespace {

QString save(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QCoreApplication::translate("Exporter", "Cannot write %1: %2").arg(path, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return QCoreApplication::translate("Exporter", "Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace

QString exportPng(QGraphicsScene* scene, const QRectF& area, const QString& path, double scale)
{
    const QSize size = (area.size() * scale).toSize().boundedTo(QSize(16000, 16000));
    if (size.isEmpty())
        return QCoreApplication::translate("Exporter", "Nothing to export: the graph is empty.");
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene->render(&painter, QRectF(QPointF(0, 0), size), area);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return QCoreApplication::translate("Exporter", "Cannot encode the image as PNG.");
    return save(path, bytes);
}

QString exportSvg(QGraphicsScene* scene, const QRectF& area, const QString& path, const QString& title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(area.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), area.size()));
    generator.setTitle(title);
    generator.setDescription(QCoreApplication::translate("Exporter", "Exported by Prunescope"));
    QPainter painter(&generator);
    scene->render(&painter, QRectF(QPointF(0, 0), area.size()), area);
    painter.end();
    return save(path, bytes);
}

QString exportDependencyCsv(const Report& report, const QString& path)
{
    return save(path, QByteArray::fromStdString(dependencyCsv(report.nniChannel()))); // NNI's whatever the rules
}

} // namespace prunescope::ui
