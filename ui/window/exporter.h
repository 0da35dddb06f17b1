#pragma once
// Exports from the window: the graph as PNG or SVG (the whole graph or the visible
// part) and the report as NNI's CSV or the engine's JSON. Files are written with
// QSaveFile, so an interrupted export never leaves half a file behind.
#include "model/report.h"

#include <QRectF>
#include <QString>

class QGraphicsScene;

namespace prunescope::ui {

// Each returns an empty string on success, else a message naming the file and the problem.
QString exportPng(QGraphicsScene* scene, const QRectF& area, const QString& path, double scale = 2.0);
QString exportSvg(QGraphicsScene* scene, const QRectF& area, const QString& path, const QString& title);
QString exportDependencyCsv(const Report& report, const QString& path); // the engine's dependencyCsv
// The report as `prunescope-cli analyze --json` writes it, with the prune type and FLOPs
// on screen. Large for big models: call it off the GUI thread (it touches no widget).
QString exportReportJson(const Report& report, const FlopsResult& flops, const QString& path);

} // namespace prunescope::ui
