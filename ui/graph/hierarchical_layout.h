// SPDX-License-Identifier: MIT
#pragma once
// Lays the graph out box by box: each expanded module's units are laid out by dot as a
// small graph of their own and nested in the parent's layout as one big unit. Values
// crossing a box's border enter and leave through the box's ports, nodes of its own
// layout, so that dot routes them around the box's content like any other edge; an
// edge is drawn as the chain of those routes, one per box it passes.
// Layouts are cached per box and expansion state below it, so expanding one block lays
// out that block and its (small) ancestors only, never the whole model; boxes of the
// same shape (the blocks of a residual net) share one dot run.
#include "graph/box_edges.h"
#include "graph/edge_router.h"
#include "graph/fold_tree.h"
#include "graph/graph_geometry.h"
#include "graph/graphviz_layout.h"

#include <QHash>
#include <QMutex>
#include <QPolygonF>
#include <QSizeF>

#include <memory>

namespace prunescope::ui {

struct LayoutSizes {
    QHash<int, QSizeF> nodes; // node id -> item size
    QHash<QString, QSizeF> collapsed; // module -> size when collapsed
    QHash<QString, QSizeF> titles; // module -> size of its frame's title text when expanded
};

class HierarchicalLayout {
public:
    HierarchicalLayout(std::shared_ptr<const Report> report, std::shared_ptr<const FoldTree> tree, LayoutSizes sizes);

    // Thread-safe; calls are serialized.
    GraphGeometry compute(const QSet<QString>& expanded, bool leftToRight);
    // The size compute() would give, without placing the items and routing the edges.
    QSizeF sizeOf(const QSet<QString>& expanded, bool leftToRight);

    static constexpr double kFramePad = 10;
    static constexpr double kFrameTitle = 22;

private:
    // One box's layout, in the coordinates of its frame (of its content for the model).
    struct Block {
        QSizeF size;
        QRectF title;
        QHash<QString, QRectF> units; // unit key -> rectangle
        QVector<QPointF> inPorts, outPorts; // port centres
        QHash<QPair<QString, QString>, QPolygonF> routes; // (unit or port key, unit or port key) -> path
        // The units again, by index, sorted into ranks (turned top to bottom), for
        // quick "does this curve pass a unit" questions.
        std::shared_ptr<const RankBands> bands;
        QHash<QString, int> unitIndex;
    };
    struct Placed {
        const Block* block = nullptr;
        QPointF origin; // of the frame, in the scene
    };
    const Block& block(const QString& box, const QSet<QString>& expanded, bool leftToRight, int& laidOut);
    Block layOut(const QString& box, const QSet<QString>& expanded, bool leftToRight, int& laidOut);
    void frame(const QString& box, bool leftToRight, const QRectF& content, Block& b) const;
    LayoutResult dot(const LayoutInput& input, int& laidOut);
    QString cacheKey(const QString& box, const QSet<QString>& expanded, bool leftToRight) const;
    void place(
        const QString& box, const QPointF& origin, const QSet<QString>& expanded, bool leftToRight, GraphGeometry& out);
    void routeEdges(const QSet<QString>& expanded, bool leftToRight, GraphGeometry& out) const;
    QPolygonF edgePath(int from, int to, int value, const QSet<QString>& expanded, bool leftToRight) const;
    // Does `line` stay out of the units of a placed box other than a and b?
    static bool isClear(
        const Placed& placed, const QPolygonF& line, const QString& a, const QString& b, bool leftToRight);

    std::shared_ptr<const Report> m_report;
    std::shared_ptr<const FoldTree> m_tree;
    BoxEdges m_edges;
    LayoutSizes m_sizes;
    QHash<QString, std::shared_ptr<const Block>> m_cache; // shared: placements point into it
    QHash<QByteArray, LayoutResult> m_dotRuns; // by dot input: boxes of one shape are laid out once
    QHash<QString, Placed> m_placed; // of the geometry being computed
    QMutex m_mutex;
};

} // namespace prunescope::ui
