// SPDX-License-Identifier: MIT
#pragma once
// Exports from the window: the graph as PNG or SVG (the whole graph or the visible
// part) and the dependency sets as NNI's CSV (the worker writes the full JSON report,
// Session::exportReport). Files are written with QSaveFile, so an interrupted export
// never leaves half a file behind.
#include "model/report.h"

#include <QRectF>
#include <QString>

class QGraphicsScene;

namespace prunescope::ui {

// Each returns an empty string on success, else a message naming the file and the problem.
QString exportPng(QGraphicsScene* scene, const QRectF& area, const QString& path, double scale = 2.0);
QString exportSvg(QGraphicsScene* scene, const QRectF& area, const QString& path, const QString& title);
QString exportDependencyCsv(const Report& report, const QString& path); // the engine's dependencyCsv

} // namespace prunescope::ui
