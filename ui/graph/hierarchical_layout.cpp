// SPDX-License-Identifier: MIT
#include "graph/hierarchical_layout.h"

#include "graph/chain_layout.h"
#include "graph/edge_router.h"
#include "graph/transitive_reduction.h"

#include <QElapsedTimer>
#include <QLineF>

#include <algorithm>

namespace prunescope::ui {

namespace {

const QSizeF kPortSize(2, 2);
constexpr double kTitleInset = 8; // of the title from the frame's left and right
constexpr double kTitleGap = 6; // between the title and an edge entering beside it

// dot's input as bytes: equal bytes, equal layout (boxes of one shape share a run).
QByteArray signature(const LayoutInput& input)
{
    QByteArray key;
    key.reserve(16 * (input.nodes.size() + input.edges.size()) + 8);
    key += input.leftToRight ? "LR" : "TB";
    key += input.routeSplines ? "s" : "l";
    for (const auto& node : input.nodes)
        key += QByteArray::number(qRound(node.size.width() * 16)) + 'x'
            + QByteArray::number(qRound(node.size.height() * 16)) + char('0' + static_cast<int>(node.rank)) + ';';
    for (const auto& edge : input.edges)
        key += QByteArray::number(edge.from) + '>' + QByteArray::number(edge.to) + ';';
    return key;
}

QPolygonF flattened(const QPainterPath& path)
{
    QPolygonF line;
    for (const QPolygonF& part : path.toSubpathPolygons())
        for (const QPointF& p : part)
            if (line.isEmpty() || QLineF(line.back(), p).length() > 1e-6)
                line << p;
    return line;
}

} // namespace

HierarchicalLayout::HierarchicalLayout(
    std::shared_ptr<const Report> report, std::shared_ptr<const FoldTree> tree, LayoutSizes sizes)
    : m_report(std::move(report))
    , m_tree(std::move(tree))
    , m_edges(*m_report, *m_tree)
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
    if (cached == m_cache.end())
        cached = m_cache.insert(key, std::make_shared<const Block>(layOut(box, expanded, leftToRight, laidOut)));
    return **cached;
}

LayoutResult HierarchicalLayout::dot(const LayoutInput& input, int& laidOut)
{
    if (isChain(input))
        return layoutChain(input); // cheaper than the memo's key
    const QByteArray key = signature(input);
    auto cached = m_dotRuns.find(key);
    if (cached != m_dotRuns.end())
        return *cached;
    QElapsedTimer clock;
    clock.start();
    LayoutResult result = layoutWithDot(input);
    if (qEnvironmentVariableIsSet("PRUNESCOPE_LAYOUT_DEBUG"))
        qInfo("dot: %d nodes, %d edges, %lld ms", static_cast<int>(input.nodes.size()),
            static_cast<int>(input.edges.size()), clock.elapsed());
    ++laidOut;
    m_dotRuns.insert(key, result);
    return result;
}

HierarchicalLayout::Block HierarchicalLayout::layOut(
    const QString& box, const QSet<QString>& expanded, bool leftToRight, int& laidOut)
{
    const BoxEdgeList& edges = m_edges.of(box);
    LayoutInput input;
    input.leftToRight = leftToRight;
    QHash<QString, int> indexOf;
    const auto add = [&](const QString& key, const QSizeF& size, LayoutInput::Rank rank) {
        indexOf.insert(key, static_cast<int>(input.nodes.size()));
        input.nodes.push_back({ key, size, rank });
    };
    const auto& units = m_tree->unitsOf(box);
    for (const auto& unit : units) {
        if (unit.isNode())
            add(unit.key(), m_sizes.nodes.value(unit.node, QSizeF(80, 36)), LayoutInput::Rank::Any);
        else if (expanded.contains(unit.module))
            add(unit.key(), block(unit.module, expanded, leftToRight, laidOut).size, LayoutInput::Rank::Any);
        else
            add(unit.key(), m_sizes.collapsed.value(unit.module, QSizeF(120, 44)), LayoutInput::Rank::Any);
    }
    for (int i = 0; i < edges.inPorts.size(); ++i)
        add(BoxEdgeList::inKey(i), kPortSize, LayoutInput::Rank::First);
    for (int i = 0; i < edges.outPorts.size(); ++i)
        add(BoxEdgeList::outKey(i), kPortSize, LayoutInput::Rank::Last);

    QVector<QPair<int, int>> pairs;
    QVector<QPair<QString, QString>> keys;
    const auto link = [&](const QString& from, const QString& to) {
        const int a = indexOf.value(from, -1), b = indexOf.value(to, -1);
        if (a >= 0 && b >= 0 && a != b) {
            pairs.push_back({ a, b });
            keys.push_back({ from, to });
        }
    };
    for (const auto& [from, to] : edges.unitEdges)
        link(from, to);
    for (int i = 0; i < edges.inPorts.size(); ++i)
        for (const auto& unit : edges.inPorts[i])
            link(BoxEdgeList::inKey(i), unit);
    for (int i = 0; i < edges.outPorts.size(); ++i)
        link(edges.outPorts[i], BoxEdgeList::outKey(i));

    // Many more edges than units: a dense block (DenseNet: every layer feeds every later
    // one). dot routes that spline by spline for minutes, so it gets only the edges that
    // decide the ranks (the transitive reduction), places without routing, and every
    // edge goes through the gaps between ranks instead.
    const bool dense = pairs.size() > 3 * units.size() + 16;
    input.routeSplines = !dense;
    for (const auto& [from, to] : dense ? transitiveReduction(static_cast<int>(input.nodes.size()), pairs) : pairs)
        input.edges.push_back({ from, to });
    const LayoutResult layout = dot(input, laidOut);

    QVector<QRectF> rects;
    for (int i = 0; i < input.nodes.size(); ++i) {
        const QSizeF& size = input.nodes[i].size;
        const QPointF center = i < layout.centers.size() ? layout.centers[i] : QPointF(0, 0);
        rects.push_back(QRectF(center - QPointF(size.width(), size.height()) / 2, size));
    }
    // Routing works top to bottom; a left-to-right layout is turned for it.
    QVector<QRectF> turned = rects;
    if (leftToRight)
        std::transform(turned.begin(), turned.end(), turned.begin(), [](const QRectF& r) { return transposed(r); });
    const RankBands bands(turned);
    QVector<QPolygonF> routes(pairs.size());
    QVector<int> unrouted;
    QVector<QPair<int, int>> unroutedPairs;
    for (int i = 0; i < pairs.size(); ++i) {
        QPolygonF line;
        if (!dense && i < layout.edges.size())
            line = flattened(layout.edges[i]);
        if (leftToRight)
            line = transposed(line);
        // dot's splines keep clear of nodes, nearly always; the rare one that does not
        // is routed through the gaps like the edges of dense boxes.
        if (line.size() < 2 || bands.crosses(line, pairs[i].first, pairs[i].second)) {
            unrouted.push_back(i);
            unroutedPairs.push_back(pairs[i]);
        } else {
            routes[i] = line;
        }
    }
    const QVector<QPolygonF> gapRoutes = routeThroughGaps(bands, unroutedPairs);
    for (int k = 0; k < unrouted.size(); ++k)
        routes[unrouted[k]] = gapRoutes[k];

    Block result;
    QRectF content;
    for (int i = 0; i < input.nodes.size(); ++i) {
        content |= rects[i];
        if (i < units.size())
            result.units.insert(input.nodes[i].id, rects[i]);
        else if (input.nodes[i].rank == LayoutInput::Rank::First)
            result.inPorts.push_back(rects[i].center());
        else
            result.outPorts.push_back(rects[i].center());
    }
    for (int i = 0; i < pairs.size(); ++i) {
        QPolygonF& line = routes[i];
        if (leftToRight)
            line = transposed(line);
        content |= line.boundingRect();
        result.routes.insert(keys[i], line);
    }
    frame(box, leftToRight, content, result);
    QVector<QRectF> unitRects;
    for (const auto& unit : units) {
        result.unitIndex.insert(unit.key(), static_cast<int>(unitRects.size()));
        const QRectF& r = result.units[unit.key()];
        unitRects.push_back(leftToRight ? transposed(r) : r);
    }
    result.bands = std::make_shared<const RankBands>(unitRects);
    return result;
}

void HierarchicalLayout::frame(const QString& box, bool leftToRight, const QRectF& content, Block& b) const
{
    QPointF offset = -content.topLeft();
    QSizeF size = content.size();
    if (!box.isEmpty()) {
        // Title band on top, padding elsewhere; the frame is at least as wide as its title.
        const QSizeF title = m_sizes.titles.value(box, QSizeF(0, 14));
        offset += QPointF(kFramePad, kFrameTitle);
        size += QSizeF(2 * kFramePad, kFrameTitle + kFramePad);
        const double minWidth = title.width() + 2 * kTitleInset;
        if (size.width() < minWidth) {
            offset.rx() += (minWidth - size.width()) / 2;
            size.setWidth(minWidth);
        }
        // Top to bottom, edges enter through the title band, straight down to their
        // port: the title goes where none does, or the frame widens to make room.
        QVector<double> entries;
        if (!leftToRight)
            for (const QPointF& port : b.inPorts)
                entries.push_back(port.x() + offset.x());
        std::sort(entries.begin(), entries.end());
        const auto clear = [&](double x) {
            return std::none_of(entries.begin(), entries.end(),
                [&](double e) { return e > x - kTitleGap && e < x + title.width() + kTitleGap; });
        };
        QVector<double> candidates { kTitleInset };
        for (double e : entries)
            candidates.push_back(e + kTitleGap);
        double x = -1;
        for (double c : candidates)
            if (c + title.width() <= size.width() - kTitleInset && clear(c)) {
                x = c;
                break;
            }
        if (x < 0) {
            x = entries.back() + kTitleGap;
            size.setWidth(x + title.width() + kTitleInset);
        }
        b.title = QRectF(x, 3, title.width(), title.height());
    }
    b.size = size;
    for (QRectF& r : b.units)
        r.translate(offset);
    for (QPointF& p : b.inPorts)
        p += offset;
    for (QPointF& p : b.outPorts)
        p += offset;
    for (QPolygonF& line : b.routes)
        line.translate(offset);
}

void HierarchicalLayout::place(
    const QString& box, const QPointF& origin, const QSet<QString>& expanded, bool leftToRight, GraphGeometry& out)
{
    int unused = 0;
    const Block& b = block(box, expanded, leftToRight, unused);
    m_placed.insert(box, { &b, origin });
    for (const auto& unit : m_tree->unitsOf(box)) {
        const QRectF rect = b.units.value(unit.key()).translated(origin);
        if (unit.isNode()) {
            out.nodes.push_back({ unit.node, rect });
        } else if (expanded.contains(unit.module)) {
            const Block& inner = block(unit.module, expanded, leftToRight, unused);
            out.boxes.push_back({ unit.module, rect, true, inner.title.translated(rect.topLeft()) });
            place(unit.module, rect.topLeft(), expanded, leftToRight, out);
        } else {
            out.boxes.push_back({ unit.module, rect, false, {} });
        }
    }
}

QSizeF HierarchicalLayout::sizeOf(const QSet<QString>& expanded, bool leftToRight)
{
    QMutexLocker lock(&m_mutex);
    int unused = 0;
    return block(QString(), expanded, leftToRight, unused).size;
}

GraphGeometry HierarchicalLayout::compute(const QSet<QString>& expanded, bool leftToRight)
{
    QMutexLocker lock(&m_mutex);
    QElapsedTimer clock;
    clock.start();
    GraphGeometry out;
    block(QString(), expanded, leftToRight, out.laidOutBoxes);
    const qint64 laidOut = clock.nsecsElapsed();
    m_placed.clear();
    place(QString(), QPointF(0, 0), expanded, leftToRight, out);
    const qint64 placed = clock.nsecsElapsed();
    routeEdges(expanded, leftToRight, out);
    if (qEnvironmentVariableIsSet("PRUNESCOPE_LAYOUT_DEBUG"))
        qInfo("layout: boxes %.1f ms, placing %.1f ms, edges %.1f ms", laidOut / 1e6, (placed - laidOut) / 1e6,
            (clock.nsecsElapsed() - placed) / 1e6);
    for (const auto& n : out.nodes)
        out.bounds |= n.rect;
    for (const auto& b : out.boxes)
        out.bounds |= b.rect;
    return out;
}

} // namespace prunescope::ui
