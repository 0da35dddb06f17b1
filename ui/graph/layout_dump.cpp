// SPDX-License-Identifier: MIT
#include "graph/layout_dump.h"

#include "graph/box_item.h"
#include "graph/edge_item.h"
#include "graph/graph_scene.h"
#include "graph/node_item.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace prunescope::ui {

namespace {

QJsonArray rectJson(const QRectF& r) { return { r.x(), r.y(), r.width(), r.height() }; }

// "n:12" -> 12, "m:layer1.0" -> "layer1.0"
QJsonValue endJson(const QString& key)
{
    if (key.startsWith(QLatin1String("n:")))
        return key.mid(2).toInt();
    return key.mid(2);
}

} // namespace

QJsonObject layoutDump(const GraphScene& scene)
{
    // Sorted, so that two dumps of one layout compare equal as text.
    QList<int> nodeIds = scene.nodeItems().keys();
    std::sort(nodeIds.begin(), nodeIds.end());
    QJsonArray nodes;
    for (int id : nodeIds)
        nodes.append(QJsonObject { { "id", id }, { "rect", rectJson(scene.nodeItem(id)->rect()) } });
    QStringList modules = scene.boxItems().keys();
    modules.sort();
    QJsonArray boxes;
    for (const QString& module : modules) {
        const BoxItem* box = scene.boxItem(module);
        boxes.append(QJsonObject { { "id", module }, { "rect", rectJson(box->rect()) },
            { "title_rect", rectJson(box->mapRectToScene(box->titleRect())) } });
    }
    QJsonArray edges;
    for (const EdgeItem* edge : scene.edgeItems()) {
        QJsonArray points;
        for (const QPolygonF& polygon : edge->mapToScene(edge->path()).toSubpathPolygons())
            for (const QPointF& p : polygon)
                points.append(QJsonArray { p.x(), p.y() });
        edges.append(
            QJsonObject { { "from", endJson(edge->from()) }, { "to", endJson(edge->to()) }, { "points", points } });
    }
    return { { "nodes", nodes }, { "boxes", boxes }, { "edges", edges } };
}

QString writeLayoutDump(const GraphScene& scene, const QString& path)
{
    const QByteArray bytes = QJsonDocument(layoutDump(scene)).toJson(QJsonDocument::Compact);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QCoreApplication::translate("LayoutDump", "Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace prunescope::ui
