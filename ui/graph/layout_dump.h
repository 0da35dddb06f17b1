// SPDX-License-Identifier: MIT
#pragma once
// The graph as drawn, in scene coordinates, as JSON: for layout tests and bug reports
// (`prunescope --dump-layout OUT.json MODEL.pt`).
//   {"nodes": [{"id", "rect": [x, y, w, h]}],
//    "boxes": [{"id", "rect", "title_rect"}],
//    "edges": [{"from", "to", "points": [[x, y], ...]}]}
// Node ids are the report's node ids (numbers), box ids module paths (strings); an
// edge's from/to is a node id, or a box id where the edge ends at a collapsed box.
// Points are the edge's path with its curves flattened.
#include <QJsonObject>
#include <QString>

namespace prunescope::ui {

class GraphScene;

QJsonObject layoutDump(const GraphScene& scene);
// Writes it atomically; returns an error message, empty on success.
QString writeLayoutDump(const GraphScene& scene, const QString& path);

} // namespace prunescope::ui
