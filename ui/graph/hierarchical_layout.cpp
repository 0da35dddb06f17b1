#include "graph/hierarchical_layout.h"

#include "graph/graphviz_layout.h"
#include "graph/transitive_reduction.h"

#include <QElapsedTimer>

#include <algorithm>

namespace prunescope::ui {

namespace {

QPointF port(const QRectF& rect, bool out, bool leftToRight)
{
    if (leftToRight)
        return out ? QPointF(rect.right(), rect.center().y()) : QPointF(rect.left(), rect.center().y());
    return out ? QPointF(rect.center().x(), rect.bottom()) : QPointF(rect.center().x(), rect.top());
}

QPainterPath curve(const QPointF& from, const QPointF& to, bool leftToRight)
{
    QPainterPath path(from);
    const double bend = leftToRight ? std::max(30.0, (to.x() - from.x()) / 2) : std::max(30.0, (to.y() - from.y()) / 2);
    const QPointF c1 = leftToRight ? from + QPointF(bend, 0) : from + QPointF(0, bend);
    const QPointF c2 = leftToRight ? to - QPointF(bend, 0) : to - QPointF(0, bend);
    path.cubicTo(c1, c2, to);
    return path;
}

} // namespace

HierarchicalLayout::HierarchicalLayout(
    std::shared_ptr<const Report> report, std::shared_ptr<const FoldTree> tree, LayoutSizes sizes)
    : m_report(std::move(report))
    , m_tree(std::move(tree))
    , m_sizes(std::move(sizes))
{
}

QString HierarchicalLayout::cacheKey(const QString& box, const QSet<QString>& expanded, bool leftToRight) const
{
    // A box's layout depends on which boxes below it are expanded, nothing else.
    QStringList below;
    for (const auto& b : m_tree->boxesBelow(box))
        if (b != box && expanded.contains(b))
            below << b;
    below.sort();
    return box + (leftToRight ? QStringLiteral("|LR|") : QStringLiteral("|TB|")) + below.join(QLatin1Char(','));
}

const HierarchicalLayout::Block& HierarchicalLayout::block(
    const QString& box, const QSet<QString>& expanded, bool leftToRight, int& laidOut)
{
    const QString key = cacheKey(box, expanded, leftToRight);
    auto cached = m_cache.find(key);
    if (cached != m_cache.end())
        return *cached;

    const auto& units = m_tree->unitsOf(box);
    LayoutInput input;
    input.leftToRight = leftToRight;
    Block result;
    QHash<QString, int> indexOf;
    for (const auto& unit : units) {
        QSizeF size;
        if (unit.isNode()) {
            size = m_sizes.nodes.value(unit.node, QSizeF(80, 36));
        } else if (expanded.contains(unit.module)) {
            const QSizeF inner = block(unit.module, expanded, leftToRight, laidOut).size;
            size = QSizeF(std::max(inner.width() + 2 * kFramePad, m_sizes.titleWidths.value(unit.module)),
                inner.height() + kFrameTitle + kFramePad);
        } else {
            size = m_sizes.collapsed.value(unit.module, QSizeF(120, 44));
        }
        indexOf.insert(unit.key(), input.nodes.size());
        result.unitSizes.insert(unit.key(), size);
        input.nodes.push_back({ unit.key(), size });
    }
    // Edges between this box's units: lift both ends of every data edge to the unit
    // of this box that holds them.
    QSet<QPair<int, int>> seen;
    QVector<QPair<QString, QString>> edgeKeys;
    for (const auto& edge : m_report->edges()) {
        const FoldUnit from = m_tree->unitIn(edge.from, box);
        const FoldUnit to = m_tree->unitIn(edge.to, box);
        if ((from.node < 0 && from.module.isEmpty()) || (to.node < 0 && to.module.isEmpty()))
            continue;
        const int a = indexOf.value(from.key(), -1), b = indexOf.value(to.key(), -1);
        if (a < 0 || b < 0 || a == b || seen.contains({ a, b }))
            continue;
        seen.insert({ a, b });
        input.edges.push_back({ a, b });
        edgeKeys.push_back({ from.key(), to.key() });
    }
    // Many more edges than units: a dense block. dot gets only the edges that decide
    // the ranks (the transitive reduction) and places without routing; every edge is
    // drawn afterwards as a curve.
    input.routeSplines = input.edges.size() <= 3 * input.nodes.size() + 16;
    if (!input.routeSplines) {
        QVector<QPair<int, int>> pairs;
        for (const auto& e : input.edges)
            pairs.push_back({ e.from, e.to });
        input.edges.clear();
        edgeKeys.clear();
        for (const auto& [from, to] : transitiveReduction(static_cast<int>(input.nodes.size()), pairs))
            input.edges.push_back({ from, to });
    }
    QElapsedTimer clock;
    clock.start();
    const LayoutResult layout = layoutWithDot(input);
    if (qEnvironmentVariableIsSet("PRUNESCOPE_LAYOUT_DEBUG"))
        qInfo("layout %s: %d units, %d edges, %lld ms", qPrintable(box), static_cast<int>(input.nodes.size()),
            static_cast<int>(input.edges.size()), clock.elapsed());
    ++laidOut;
    result.size = layout.size;
    for (int i = 0; i < input.nodes.size() && i < layout.centers.size(); ++i)
        result.centers.insert(input.nodes[i].id, layout.centers[i]);
    for (int i = 0; i < edgeKeys.size() && i < layout.edges.size(); ++i)
        result.edgePaths.insert(edgeKeys[i], layout.edges[i]);
    return *m_cache.insert(key, result);
}

void HierarchicalLayout::place(const QString& box, const QPointF& origin, const QSet<QString>& expanded,
    bool leftToRight, GraphGeometry& out, QHash<QString, QPointF>& origins)
{
    int unused = 0;
    const Block& b = block(box, expanded, leftToRight, unused);
    origins.insert(box, origin);
    for (const auto& unit : m_tree->unitsOf(box)) {
        const QString key = unit.key();
        const QSizeF size = b.unitSizes.value(key);
        const QPointF center = origin + b.centers.value(key);
        const QRectF rect(center - QPointF(size.width() / 2, size.height() / 2), size);
        if (unit.isNode()) {
            out.nodes.push_back({ unit.node, rect });
        } else if (expanded.contains(unit.module)) {
            out.boxes.push_back({ unit.module, rect, true });
            // A frame widened for its title keeps its content centred.
            int unused2 = 0;
            const double inner = block(unit.module, expanded, leftToRight, unused2).size.width();
            const double shift = std::max(kFramePad, (rect.width() - inner) / 2);
            place(unit.module, rect.topLeft() + QPointF(shift, kFrameTitle), expanded, leftToRight, out, origins);
        } else {
            out.boxes.push_back({ unit.module, rect, false });
        }
    }
}

void HierarchicalLayout::routeEdges(
    const QSet<QString>& expanded, bool leftToRight, GraphGeometry& out, const QHash<QString, QPointF>& origins)
{
    QHash<QString, QRectF> rects;
    for (const auto& n : out.nodes)
        rects.insert(QStringLiteral("n:%1").arg(n.node), n.rect);
    for (const auto& b : out.boxes)
        if (!b.expanded)
            rects.insert(QStringLiteral("m:") + b.module, b.rect);
    QHash<QPair<QString, QString>, int> indexOf;
    for (const auto& edge : m_report->edges()) {
        const QString from = m_tree->visibleKey(edge.from, expanded);
        const QString to = m_tree->visibleKey(edge.to, expanded);
        if (from == to)
            continue;
        auto found = indexOf.find({ from, to });
        if (found != indexOf.end()) {
            if (!out.edges[*found].values.contains(edge.value))
                out.edges[*found].values.push_back(edge.value);
            continue;
        }
        EdgeGeometry geometry { from, to, { edge.value }, {} };
        // Both ends direct units of one box: dot's own route. Otherwise a plain curve.
        const QStringList& chainA = m_tree->boxesOf(edge.from);
        const QStringList& chainB = m_tree->boxesOf(edge.to);
        QString common;
        for (const auto& box : chainA)
            if (chainB.contains(box)) {
                common = box;
                break;
            }
        const FoldUnit ua = m_tree->unitIn(edge.from, common), ub = m_tree->unitIn(edge.to, common);
        int unused = 0;
        const Block& b = block(common, expanded, leftToRight, unused);
        const auto path = b.edgePaths.find({ ua.key(), ub.key() });
        if (ua.key() == from && ub.key() == to && path != b.edgePaths.end() && !path->isEmpty()
            && path->elementCount() > 2) // a straight segment: dot did not route it, draw a curve
            geometry.path = path->translated(origins.value(common));
        else
            geometry.path = curve(
                port(rects.value(from), true, leftToRight), port(rects.value(to), false, leftToRight), leftToRight);
        indexOf.insert({ from, to }, out.edges.size());
        out.edges.push_back(geometry);
    }
}

GraphGeometry HierarchicalLayout::compute(const QSet<QString>& expanded, bool leftToRight)
{
    QMutexLocker lock(&m_mutex);
    GraphGeometry out;
    block(QString(), expanded, leftToRight, out.laidOutBoxes);
    QHash<QString, QPointF> origins;
    place(QString(), QPointF(0, 0), expanded, leftToRight, out, origins);
    routeEdges(expanded, leftToRight, out, origins);
    for (const auto& n : out.nodes)
        out.bounds |= n.rect;
    for (const auto& b : out.boxes)
        out.bounds |= b.rect;
    return out;
}

} // namespace prunescope::ui
