#pragma once
// Lays the graph out box by box: each expanded module's units are laid out by dot as a
// small graph of their own and nested in the parent's layout as one big unit. Layouts
// are cached per box and expansion state below it, so expanding one block lays out
// that block and its (small) ancestors only, never the whole model.
#include "graph/fold_tree.h"
#include "graph/graph_geometry.h"

#include <QHash>
#include <QMutex>
#include <QSizeF>

#include <memory>

namespace prunescope::ui {

struct LayoutSizes {
    QHash<int, QSizeF> nodes; // node id -> item size
    QHash<QString, QSizeF> collapsed; // module -> size when collapsed
    QHash<QString, double> titleWidths; // module -> width of its frame's title when expanded
};

class HierarchicalLayout {
public:
    HierarchicalLayout(std::shared_ptr<const Report> report, std::shared_ptr<const FoldTree> tree, LayoutSizes sizes);

    // Thread-safe; calls are serialized.
    GraphGeometry compute(const QSet<QString>& expanded, bool leftToRight);

    static constexpr double kFramePad = 10;
    static constexpr double kFrameTitle = 22;

private:
    struct Block {
        QSizeF size;
        QHash<QString, QPointF> centers; // unit key -> centre, relative to the block
        QHash<QString, QSizeF> unitSizes;
        QHash<QPair<QString, QString>, QPainterPath> edgePaths; // unit edges, relative
    };
    const Block& block(const QString& box, const QSet<QString>& expanded, bool leftToRight, int& laidOut);
    QString cacheKey(const QString& box, const QSet<QString>& expanded, bool leftToRight) const;
    void place(const QString& box, const QPointF& origin, const QSet<QString>& expanded, bool leftToRight,
        GraphGeometry& out, QHash<QString, QPointF>& origins);
    void routeEdges(
        const QSet<QString>& expanded, bool leftToRight, GraphGeometry& out, const QHash<QString, QPointF>& origins);

    std::shared_ptr<const Report> m_report;
    std::shared_ptr<const FoldTree> m_tree;
    LayoutSizes m_sizes;
    QHash<QString, Block> m_cache;
    QMutex m_mutex;
};

} // namespace prunescope::ui
