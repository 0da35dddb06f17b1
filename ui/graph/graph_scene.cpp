// SPDX-License-Identifier: MIT
#include "graph/graph_scene.h"

#include "graph/box_item.h"
#include "graph/edge_item.h"
#include "graph/graph_layer.h"
#include "graph/node_item.h"

#include <QGraphicsSceneHelpEvent>
#include <QGraphicsView>
#include <QSet>
#include <QTimer>
#include <QToolTip>

#include <algorithm>
#include <vector>

namespace prunescope::ui {

GraphScene::GraphScene(QObject* parent)
    : QGraphicsScene(parent)
    , m_buildTimer(new QTimer(this))
{
    // Indexed although items are remade on every relayout: tooltips, clicks and the
    // repaints of a close zoom each ask for the few items in a small rect.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    m_buildTimer->setSingleShot(true);
    m_buildTimer->setInterval(0);
    connect(m_buildTimer, &QTimer::timeout, this, &GraphScene::buildSome);
    // A node's selection frame is the layer's to draw: Qt skips the repaint of an item
    // without contents.
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        if (m_layer)
            m_layer->update();
    });
}

// The items go here, not in QGraphicsScene's destructor, while the members live.
GraphScene::~GraphScene() { removeItems(); }

void GraphScene::removeItems()
{
    cancelBuild();
    // Forgotten before clear() deletes it: deleting a selected item emits
    // selectionChanged, which repaints the layer.
    m_layer = nullptr;
    clear();
    m_contentRect.reset();
    m_nodeItems.clear();
    m_boxItems.clear();
    m_edgeItems.clear();
    m_edgeEnds.clear();
}

void GraphScene::setReport(std::shared_ptr<const Report> report)
{
    removeItems();
    m_report = std::move(report);
    m_highlighted = -1;
    m_heat.clear();
    m_keptByNode.clear();
    m_conflictByNode.clear();
    m_maskInfoShown = m_conflictsShown = false;
    m_highlightLayers.clear();
    emit looksChanged();
}

void GraphScene::updateReport(std::shared_ptr<const Report> report)
{
    m_report = std::move(report);
    m_highlighted = -1;
    refreshLooks();
    applyHighlight();
}

const LayerSets& GraphScene::currentSets() const { return m_report->sets(m_colorMode); }

int GraphScene::setOfLayer(const QString& layer) const { return m_report->setOf(m_colorMode, layer); }

int GraphScene::colorIndexOfSet(int setIndex) const
{
    return m_report ? m_report->colorOfSet(m_colorMode, setIndex) : -1;
}

int GraphScene::setIndexOfColor(int colorIndex) const
{
    return m_report ? m_report->setOfColor(m_colorMode, colorIndex) : -1;
}

NodeLook GraphScene::sizingLook(const Report& report, const OpNode& node)
{
    NodeLook look;
    if (report.isModelIo(node.id)) {
        const bool input = !node.outputs.empty();
        look.title = input ? tr("Input") : tr("Output");
        look.name = report.name(node.id);
        look.detail = shapeText(report.valueShape(report.ioValue(node.id)));
        look.isModelIo = true;
        return look;
    }
    const QString& type = report.type(node.id);
    look.title = type.startsWith(QLatin1String("aten::")) ? type.mid(6) : type;
    look.name = node.isModule() ? report.uniqueName(node.id) : qs(node.scope);
    look.isFunction = !node.isModule();
    look.detail = shapeText(report.outputShape(node));
    if (node.executions > 1)
        look.detail += tr(" ×%1").arg(node.executions);
    return look;
}

NodeLook GraphScene::nodeLook(const OpNode& node) const
{
    NodeLook look = sizingLook(*m_report, node);
    if (look.isModelIo)
        return look; // no set, heat or masks: not a layer
    const QString& name = m_report->name(node.id);
    const QString& uniqueName = m_report->uniqueName(node.id);
    const int set = node.isModule() ? setOfLayer(name) : -1;
    look.colorIndex = colorIndexOfSet(set);
    // Ops that tie a set take its colour too (outline only matters; the fill helps).
    if (!node.isModule() && m_colorMode == ColorMode::ChannelSets)
        if (const int tied = m_report->setTiedBy(uniqueName); tied >= 0)
            look.colorIndex = colorIndexOfSet(tied);
    if (!m_heat.isEmpty())
        look.heat = m_heat.value(node.id, 0.0);
    applyMaskLook(look, static_cast<size_t>(node.id));
    const UnsafeLayer* unsafe = node.isModule() ? m_report->unsafe(name) : nullptr;
    look.unsafe = unsafe != nullptr;
    look.rulesDiffer = node.isModule() && !m_report->differencesOf(name).empty();
    return look;
}

void GraphScene::applyMaskLook(NodeLook& look, size_t node) const
{
    if (node < m_keptByNode.size() && m_keptByNode[node].first >= 0) {
        const auto kept = m_keptByNode[node];
        look.detail = tr("%1/%2 kept").arg(kept.first).arg(kept.second); // shapes stay in the tooltip
    }
    look.maskConflict = node < m_conflictByNode.size() && m_conflictByNode[node];
}

QString GraphScene::nodeTooltip(const OpNode& node) const
{
    if (m_report->isModelIo(node.id)) {
        const int v = m_report->ioValue(node.id);
        const GraphValue* value = v >= 0 && static_cast<size_t>(v) < m_report->values().size()
            ? &m_report->values()[static_cast<size_t>(v)]
            : nullptr;
        const QString shape = value && value->has_shape
            ? QStringLiteral("%1 %2").arg(qs(value->dtype), shapeText(value->shape))
            : (value ? qs(value->type) : QString());
        return (node.outputs.empty() ? tr("<b>Model output %1</b>: %2") : tr("<b>Model input %1</b>: %2"))
            .arg(m_report->name(node.id).toHtmlEscaped(), shape.toHtmlEscaped());
    }
    const QString& name = m_report->name(node.id);
    const int set = node.isModule() ? setOfLayer(name) : -1;
    const UnsafeLayer* unsafe = node.isModule() ? m_report->unsafe(name) : nullptr;
    const Shape out = m_report->outputShape(node);
    QStringList tip { QStringLiteral("<b>%1</b> (%2)")
                          .arg(
                              m_report->uniqueName(node.id).toHtmlEscaped(), m_report->type(node.id).toHtmlEscaped()) };
    if (!out.empty())
        tip << tr("output %1").arg(shapeText(out));
    if (set >= 0 && currentSets()[static_cast<size_t>(set)].size() > 1)
        tip << tr("dependency set %1: %2")
                   .arg(set + 1)
                   .arg(joinNames(currentSets()[static_cast<size_t>(set)], QStringLiteral(", "), 12).toHtmlEscaped());
    if (unsafe)
        tip << tr("<b>Not safe to prune:</b> %1").arg(qs(unsafe->reason).toHtmlEscaped());
    if (node.isModule())
        for (const RulesDifference* d : m_report->differencesOf(name))
            tip << tr("<b>Strict rules differ from NNI v2.9:</b> %1").arg(qs(d->reason).toHtmlEscaped());
    return tip.join(QStringLiteral("<br>"));
}

BoxLook GraphScene::sizingLook(const Report& report, ColorMode mode, const QString& module)
{
    BoxLook look;
    const ModuleInfo* info = report.module(module);
    look.type = info ? qs(info->type) : QString();
    look.name = module;
    const BoxContents& contents = report.boxContents(mode, module);
    look.hiddenNodes = contents.nodes;
    look.unsafeInside = contents.unsafe;
    look.colorIndices = contents.colors;
    return look;
}

BoxLook GraphScene::boxLook(const QString& module) const { return sizingLook(*m_report, m_colorMode, module); }

QString GraphScene::boxTooltip(const QString& module) const
{
    const BoxLook look = boxLook(module);
    const ModuleInfo* info = m_report->module(module);
    QString tooltip = tr("<b>%1</b> (%2), %n op(s), %3 parameters. Double-click to expand.", nullptr, look.hiddenNodes)
                          .arg(module.toHtmlEscaped(), look.type.toHtmlEscaped())
                          .arg(info ? info->total_param_count : 0);
    if (look.unsafeInside)
        tooltip += tr("<br>%n layer(s) inside not safe to prune", nullptr, look.unsafeInside);
    return tooltip;
}

QString GraphScene::edgeTooltip(const QVector<int>& values) const
{
    QStringList shapes;
    for (int v : values)
        if (v >= 0 && static_cast<size_t>(v) < m_report->values().size()
            && m_report->values()[static_cast<size_t>(v)].has_shape)
            shapes << shapeText(m_report->values()[static_cast<size_t>(v)].shape);
    return shapes.join(QStringLiteral(", "));
}

void GraphScene::helpEvent(QGraphicsSceneHelpEvent* event)
{
    // Tooltips are written when asked for: ten thousand of them, made for every item of a
    // big model, cost the window a second on "expand all".
    QString text;
    if (m_report) {
        for (QGraphicsItem* item : items(event->scenePos(), Qt::IntersectsItemShape, Qt::DescendingOrder,
                 views().isEmpty() ? QTransform() : views().front()->transform())) {
            if (auto* node = qgraphicsitem_cast<NodeItem*>(item))
                text = nodeTooltip(m_report->nodes()[static_cast<size_t>(node->nodeId())]);
            else if (auto* box = qgraphicsitem_cast<BoxItem*>(item))
                text = boxTooltip(box->module());
            else if (auto* edge = qgraphicsitem_cast<EdgeItem*>(item))
                text = edgeTooltip(edge->values());
            if (!text.isEmpty())
                break;
        }
    }
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
        return;
    }
    QToolTip::showText(event->screenPos(), text, event->widget());
    event->accept();
}

QRectF GraphScene::contentRect() const
{
    if (!m_contentRect)
        m_contentRect = itemsBoundingRect();
    return *m_contentRect;
}

namespace {

// Items added per event-loop turn: about ten milliseconds of work here.
qsizetype g_itemsPerTurn = 4000;

} // namespace

struct GraphScene::Build {
    GraphGeometry geometry;
    qsizetype boxes = 0, nodes = 0, edges = 0; // how many of each are in
    bool spread = false; // over several turns: the finish gets one of its own
};

void GraphScene::setGeometry(GraphGeometry geometry)
{
    removeItems();
    if (!m_report) {
        emit geometryApplied();
        return;
    }
    setSceneRect(geometry.bounds.adjusted(-40, -40, 40, 40));
    m_layer = new GraphLayer(m_nodeItems, m_edgeItems, geometry.bounds);
    addItem(m_layer);
    m_build = std::make_unique<Build>();
    m_build->geometry = std::move(geometry);
    buildSome();
}

void GraphScene::setItemsPerTurn(qsizetype items) { g_itemsPerTurn = std::max<qsizetype>(1, items); }

void GraphScene::cancelBuild()
{
    m_buildTimer->stop();
    m_build.reset();
}

void GraphScene::buildSome()
{
    // Boxes first, then nodes, then edges: the order they were always added in (and
    // stacked in). The looks are those of the moment each item is made, so a masks or
    // colour change between two turns reaches the items made after it as well.
    Build& b = *m_build;
    qsizetype budget = g_itemsPerTurn;
    const GraphGeometry& g = b.geometry;
    for (; budget > 0 && b.boxes < g.boxes.size(); --budget, ++b.boxes) {
        const auto& box = g.boxes[b.boxes];
        auto* item = new BoxItem(box.module, box.rect, box.expanded, boxLook(box.module), box.title);
        connect(item, &BoxItem::toggleRequested, this, &GraphScene::toggleRequested);
        addItem(item);
        m_boxItems.insert(box.module, item);
    }
    for (; budget > 0 && b.nodes < g.nodes.size(); --budget, ++b.nodes) {
        const auto& n = g.nodes[b.nodes];
        auto* item = new NodeItem(n.node, n.rect, nodeLook(m_report->nodes()[static_cast<size_t>(n.node)]));
        item->setFlag(QGraphicsItem::ItemHasNoContents); // the layer draws it
        addItem(item);
        m_nodeItems.insert(n.node, item);
    }
    for (; budget > 0 && b.edges < g.edges.size(); --budget, ++b.edges) {
        const auto& e = g.edges[b.edges];
        auto* item = new EdgeItem(e.from, e.to, e.path, e.values);
        item->setFlag(QGraphicsItem::ItemHasNoContents); // the layer draws it
        addItem(item);
        m_edgeItems.push_back(item);
        // "n:<node id>" or "m:<module>"; the boxes are all in by now.
        const auto end = [this](const QString& key) {
            EdgeEnd found;
            if (key.startsWith(QLatin1String("n:")))
                found.node = QStringView(key).mid(2).toInt();
            else if (key.startsWith(QLatin1String("m:")))
                found.box = m_boxItems.value(key.mid(2));
            return found;
        };
        m_edgeEnds.emplace_back(end(e.from), end(e.to));
    }
    const bool allIn = b.boxes == g.boxes.size() && b.nodes == g.nodes.size() && b.edges == g.edges.size();
    if (!allIn || (b.spread && budget < g_itemsPerTurn)) {
        // A timer, not a queued call: the window's own timers and paints get their turn
        // before the next batch (queued calls would all run in one pass of the loop). A
        // spread build's highlight and the window's follow-ups (minimap, fit) come a turn
        // after its last items, not in the same event.
        b.spread = true;
        m_buildTimer->start();
        return;
    }
    m_build.reset();
    m_contentRect.reset(); // asked for while the items came in
    applyHighlight();
    emit looksChanged();
    emit geometryApplied();
}

void GraphScene::refreshLooks()
{
    if (!m_report)
        return;
    // One repaint of the whole for all the nodes: an update per item costs more than the
    // paint of a far zoom's node.
    for (auto* item : m_nodeItems)
        item->setLook(nodeLook(m_report->nodes()[static_cast<size_t>(item->nodeId())]), false);
    for (auto* box : m_boxItems)
        box->setLook(boxLook(box->module()));
    update();
    emit looksChanged();
}

void GraphScene::setColorMode(ColorMode mode)
{
    if (mode == m_colorMode)
        return;
    m_colorMode = mode;
    m_highlighted = -1;
    refreshLooks();
    applyHighlight();
}

void GraphScene::setHeat(const QHash<int, double>& heat, double largest, const QString& unit)
{
    // Every FLOPs reply switches the overlay "off" again while it is off: restyling 10k
    // nodes for nothing was a fifth of a masks load's stall at scale.
    const bool unchanged = heat.isEmpty() && m_heat.isEmpty();
    m_heat = heat;
    m_heatLargest = heat.isEmpty() ? 0 : largest;
    m_heatUnit = unit;
    if (!unchanged)
        refreshLooks();
}

void GraphScene::setMaskInfo(const QHash<QString, QPair<int, int>>& kept, const QSet<QString>& conflicting)
{
    m_maskInfoShown = !kept.isEmpty();
    m_conflictsShown = !conflicting.isEmpty();
    if (!m_report)
        return;
    const size_t count = m_report->nodes().size();
    std::vector<QPair<int, int>> keptByNode(count, { -1, -1 });
    std::vector<char> conflictByNode(count, 0);
    for (auto it = kept.cbegin(); it != kept.cend(); ++it)
        for (const int id : m_report->layerNodes(it.key()))
            keptByNode[static_cast<size_t>(id)] = it.value();
    for (const QString& layer : conflicting)
        for (const int id : m_report->layerNodes(layer))
            conflictByNode[static_cast<size_t>(id)] = 1;
    m_keptByNode.resize(count, { -1, -1 });
    m_conflictByNode.resize(count, 0);
    // Only the layers whose kept count or conflict changed get a new look (and a repaint):
    // a fix touches a few sets, and box looks never depend on masks.
    std::vector<char> changed(count, 0);
    bool any = false;
    for (size_t id = 0; id < count; ++id)
        if (keptByNode[id] != m_keptByNode[id] || conflictByNode[id] != m_conflictByNode[id]) {
            changed[id] = 1;
            any = true;
        }
    m_keptByNode = std::move(keptByNode);
    m_conflictByNode = std::move(conflictByNode);
    if (any) {
        // A layer with masks only changes its count and its conflict mark; the whole look
        // is made again only when its masks are gone (the shape comes back).
        QRectF dirty;
        for (auto* item : m_nodeItems) {
            const auto id = static_cast<size_t>(item->nodeId());
            if (!changed[id])
                continue;
            if (m_keptByNode[id].first >= 0) {
                NodeLook look = item->look();
                applyMaskLook(look, id);
                item->setLook(look, false);
            } else {
                item->setLook(nodeLook(m_report->nodes()[id]), false);
            }
            dirty |= item->sceneBoundingRect();
        }
        update(dirty);
    }
    emit looksChanged();
}

void GraphScene::highlightSet(int setIndex)
{
    m_highlighted = setIndex;
    m_highlightLayers.clear();
    applyHighlight();
}

void GraphScene::highlightLayers(const QStringList& layers)
{
    // The masks panel repeats its selection on every masks reply (four times a load): with
    // thousands of layers each pass over the items costs a frame, and changes nothing.
    if (m_highlighted < 0 && layers == m_highlightLayers)
        return;
    m_highlighted = -1;
    m_highlightLayers = layers;
    applyHighlight();
}

void GraphScene::clearHighlight()
{
    const bool had = hasHighlight();
    m_highlighted = -1;
    m_highlightLayers.clear();
    applyHighlight();
    if (had)
        emit highlightCleared();
}

void GraphScene::applyHighlight()
{
    m_highlightRect = QRectF();
    if (!m_report)
        return;
    const bool bySet = m_highlighted >= 0 && static_cast<size_t>(m_highlighted) < currentSets().size();
    const bool active = bySet || !m_highlightLayers.isEmpty();
    QSet<QString> members(m_highlightLayers.begin(), m_highlightLayers.end());
    // Which nodes are lit, by node id: the members' module calls and the ops that tie the
    // set. A name lookup per drawn node cost a frame with thousands of them.
    std::vector<char> lights(m_report->nodes().size(), 0);
    if (bySet) {
        for (const auto& layer : currentSets()[static_cast<size_t>(m_highlighted)])
            members.insert(qs(layer));
        if (m_colorMode == ColorMode::ChannelSets && static_cast<size_t>(m_highlighted) < m_report->tiedBy().size())
            for (const auto& op : m_report->tiedBy()[static_cast<size_t>(m_highlighted)])
                if (const OpNode* tie = m_report->nodeByUniqueName(qs(op)))
                    lights[static_cast<size_t>(tie->id)] = 1;
    }
    for (const QString& layer : std::as_const(members))
        for (const int id : m_report->layerNodes(layer))
            lights[static_cast<size_t>(id)] = 1;
    QRectF dirty; // what changed, repainted at once below
    for (auto* item : m_nodeItems) {
        const int id = item->nodeId();
        const bool on = !active || lights[static_cast<size_t>(id)];
        if (item->setDimmed(!on, false))
            dirty |= item->sceneBoundingRect();
        if (on && active)
            m_highlightRect |= item->rect();
    }
    // The modules that hold a member: every prefix of one that ends before a dot. A set,
    // because a residual net at scale has thousands of members and of boxes.
    QSet<QString> holders;
    for (const auto& layer : members)
        for (qsizetype dot = layer.indexOf(QLatin1Char('.')); dot >= 0; dot = layer.indexOf(QLatin1Char('.'), dot + 1))
            holders.insert(layer.left(dot));
    for (auto* box : m_boxItems) {
        const bool on = !active || holders.contains(box->module());
        if (!box->isExpanded() && box->setDimmed(!on, false))
            dirty |= box->sceneBoundingRect();
        if (on && active && !box->isExpanded())
            m_highlightRect |= box->rect();
    }
    // An edge is emphasised when both its ends are lit: a member node, or a collapsed box
    // left undimmed (one that holds a member); the others are dimmed.
    const auto isLit = [&](const EdgeEnd& end) {
        if (end.node >= 0)
            return static_cast<size_t>(end.node) < lights.size() && lights[static_cast<size_t>(end.node)] != 0;
        return end.box && !end.box->isExpanded() && !end.box->isDimmed();
    };
    for (qsizetype i = 0; i < m_edgeItems.size(); ++i) {
        const auto& [from, to] = m_edgeEnds[static_cast<size_t>(i)];
        if (m_edgeItems[i]->setEmphasis(!active ? 0 : (isLit(from) && isLit(to) ? 1 : -1), false))
            dirty |= m_edgeItems[i]->sceneBoundingRect();
    }
    if (!dirty.isEmpty())
        update(dirty);
}

} // namespace prunescope::ui
