// SPDX-License-Identifier: MIT
// The edges of a computed layout: each one is the chain of its routes through the boxes
// it passes, joined where it crosses a frame.
#include "graph/hierarchical_layout.h"

#include "graph/edge_router.h"

#include <QLineF>

namespace prunescope::ui {

namespace {

// How far outside a frame an edge turns from the parent's route to the port's column:
// less than dot's rank separation, so the turn stays in the empty gap before the frame.
constexpr double kJoin = 12;

// A polyline built from routes, with the joins at frame borders: the S-shaped turn from
// a parent's route to a port's column stays within kJoin of the border.
class PathBuilder {
public:
    explicit PathBuilder(bool leftToRight)
        : m_lr(leftToRight)
    {
    }

    // Appends a route; after leave(), it first turns from the exit point into the route.
    void append(const QPolygonF& route)
    {
        if (route.isEmpty())
            return;
        if (!m_leaving) {
            for (const QPointF& p : route)
                add(p);
            return;
        }
        m_leaving = false;
        const double level = depth(m_exit) + kJoin;
        for (int i = 0; i + 1 < route.size(); ++i) {
            if (depth(route[i + 1]) < level)
                continue;
            const QPointF turn = depth(route[i]) >= level ? route[i] : at(route[i], route[i + 1], level);
            curveTo(turn);
            for (int k = i + 1; k < route.size(); ++k)
                add(route[k]);
            return;
        }
        curveTo(route.back()); // a route too short to turn in: joined where it ends
    }
    void lineTo(const QPointF& p) { add(p); }
    // Out of a frame at `border` (below the out-port); the next route joins from here.
    void leave(const QPointF& border)
    {
        add(border);
        m_exit = border;
        m_leaving = true;
    }
    // Into a frame at `border` (above the in-port): the path so far is cut where it is
    // kJoin before the border and turns to it from there.
    void enter(const QPointF& border)
    {
        const double level = depth(border) - kJoin;
        for (int i = static_cast<int>(m_points.size()) - 1; i > 0; --i) {
            if (depth(m_points[i - 1]) > level)
                continue;
            const QPointF turn = depth(m_points[i]) <= level ? m_points[i] : at(m_points[i - 1], m_points[i], level);
            m_points.resize(i);
            add(turn);
            curveTo(border);
            return;
        }
        curveTo(border);
    }
    // Instead of a route and its joins: one curve from the exit point (or the route's
    // start) to the entry point (or the route's end), where it passes no other unit.
    bool leaving() const { return m_leaving; }
    const QPointF& exitPoint() const { return m_exit; }
    QPolygonF curve(const QPointF& from, const QPointF& to) const
    {
        const double half = (depth(to) - depth(from)) / 2;
        const QPointF c1 = from + (m_lr ? QPointF(half, 0) : QPointF(0, half));
        const QPointF c2 = to - (m_lr ? QPointF(half, 0) : QPointF(0, half));
        constexpr int kSteps = 12;
        QPolygonF line { from };
        for (int i = 1; i <= kSteps; ++i) {
            const double t = double(i) / kSteps, u = 1 - t;
            line << from * (u * u * u) + c1 * (3 * u * u * t) + c2 * (3 * u * t * t) + to * (t * t * t);
        }
        return line;
    }
    void bridge(const QPolygonF& line)
    {
        m_leaving = false;
        for (const QPointF& p : line)
            add(p);
    }
    double depth(const QPointF& p) const { return m_lr ? p.x() : p.y(); }
    const QPolygonF& points() const { return m_points; }

private:
    // The point of segment a-b at depth `level`.
    QPointF at(const QPointF& a, const QPointF& b, double level) const
    {
        const double span = depth(b) - depth(a);
        const double t = span == 0 ? 0 : (level - depth(a)) / span;
        return a + (b - a) * t;
    }
    void add(const QPointF& p)
    {
        if (m_points.isEmpty() || QLineF(m_points.back(), p).length() > 1e-6)
            m_points << p;
    }
    // A cubic that leaves and arrives along the layout's direction, flattened.
    void curveTo(const QPointF& to)
    {
        if (m_points.isEmpty())
            add(to);
        else
            bridge(curve(m_points.back(), to));
    }

    bool m_lr;
    QPolygonF m_points;
    QPointF m_exit;
    bool m_leaving = false;
};

} // namespace

void HierarchicalLayout::routeEdges(const QSet<QString>& expanded, bool leftToRight, GraphGeometry& out) const
{
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
        QPainterPath path;
        path.addPolygon(edgePath(edge.from, edge.to, edge.value, expanded, leftToRight));
        indexOf.insert({ from, to }, static_cast<int>(out.edges.size()));
        out.edges.push_back({ from, to, { edge.value }, path });
    }
}

QPolygonF HierarchicalLayout::edgePath(
    int from, int to, int value, const QSet<QString>& expanded, bool leftToRight) const
{
    const QStringList& chainS = m_tree->boxesOf(from);
    const QStringList& chainT = m_tree->boxesOf(to);
    int iS = static_cast<int>(chainS.size()) - 1, iT = static_cast<int>(chainT.size()) - 1;
    while (iS > 0 && iT > 0 && chainS[iS - 1] == chainT[iT - 1]) {
        --iS;
        --iT;
    }
    PathBuilder path(leftToRight);
    // Through `box` from unit (or port) a to b; `entry`: where the path then enters b.
    const auto traverse = [&](const QString& box, const QString& a, const QString& b, const QPointF* entry) {
        const Placed placed = m_placed.value(box);
        if (!placed.block)
            return;
        const QPolygonF route = placed.block->routes.value({ a, b }).translated(placed.origin);
        if ((entry || path.leaving()) && route.size() >= 2) {
            const QPointF start = path.leaving() ? path.exitPoint() : route.front();
            const QPointF end = entry ? *entry : route.back();
            const QPolygonF line = path.curve(start, end);
            if (path.depth(end) - path.depth(start) > 4 && isClear(placed, line, a, b, leftToRight)) {
                path.bridge(line);
                return;
            }
        }
        path.append(route);
        if (entry)
            path.enter(*entry);
    };
    // The way in: the expanded boxes around the head, outermost first.
    struct Entry {
        QString box;
        QString port;
        QPointF at, border;
    };
    QVector<Entry> entries;
    for (int k = iT - 1; k >= 0 && expanded.contains(chainT[k]); --k) {
        const Placed placed = m_placed.value(chainT[k]);
        const int port = m_edges.of(chainT[k]).inPortOfValue.value(value, -1);
        if (!placed.block || port < 0 || port >= placed.block->inPorts.size())
            break;
        const QPointF at = placed.origin + placed.block->inPorts[port];
        const QRectF frame(placed.origin, placed.block->size);
        entries.push_back({ chainT[k], BoxEdgeList::inKey(port), at,
            leftToRight ? QPointF(frame.left(), at.y()) : QPointF(at.x(), frame.top()) });
    }
    // Out of the boxes around the tail, from the visible tail's own box up.
    int first = 0;
    QString unit = QStringLiteral("n:%1").arg(from);
    for (int k = iS - 1; k >= 0; --k)
        if (!expanded.contains(chainS[k])) {
            first = k + 1;
            unit = QStringLiteral("m:") + chainS[k];
            break;
        }
    for (int k = first; k < iS; ++k) {
        const Placed placed = m_placed.value(chainS[k]);
        const int port = m_edges.of(chainS[k]).outPortOfValue.value(value, -1);
        if (!placed.block || port < 0 || port >= placed.block->outPorts.size())
            break;
        traverse(chainS[k], unit, BoxEdgeList::outKey(port), nullptr);
        const QPointF at = placed.origin + placed.block->outPorts[port];
        const QRectF frame(placed.origin, placed.block->size);
        path.lineTo(at);
        path.leave(leftToRight ? QPointF(frame.right(), at.y()) : QPointF(at.x(), frame.bottom()));
        unit = QStringLiteral("m:") + chainS[k];
    }
    // Across the box that holds both ends, then in.
    traverse(chainS[iS], unit, m_tree->unitIn(to, chainS[iS]).key(), entries.isEmpty() ? nullptr : &entries[0].border);
    for (int i = 0; i < entries.size(); ++i) {
        path.lineTo(entries[i].at);
        traverse(entries[i].box, entries[i].port, m_tree->unitIn(to, entries[i].box).key(),
            i + 1 < entries.size() ? &entries[i + 1].border : nullptr);
    }
    return path.points();
}

bool HierarchicalLayout::isClear(
    const Placed& placed, const QPolygonF& line, const QString& a, const QString& b, bool leftToRight)
{
    QPolygonF local = line.translated(-placed.origin);
    if (leftToRight)
        local = transposed(local);
    return !placed.block->bands->crosses(
        local, placed.block->unitIndex.value(a, -1), placed.block->unitIndex.value(b, -1));
}

} // namespace prunescope::ui
