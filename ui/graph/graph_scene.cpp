#include "graph/graph_scene.h"

#include "graph/box_item.h"
#include "graph/edge_item.h"
#include "graph/node_item.h"

#include <QSet>

namespace prunescope::ui {

GraphScene::GraphScene(QObject* parent)
    : QGraphicsScene(parent)
{
    // Items are recreated on every relayout; an index would only cost time.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
}

void GraphScene::setReport(std::shared_ptr<const Report> report)
{
    clear();
    m_nodeItems.clear();
    m_boxItems.clear();
    m_edgeItems.clear();
    m_report = std::move(report);
    m_highlighted = -1;
    m_heat.clear();
    m_kept.clear();
    m_conflicting.clear();
    m_highlightLayers.clear();
    recomputeColors();
    recomputeBoxContents();
}

const QVector<QStringList>& GraphScene::currentSets() const
{
    return m_colorMode == ColorMode::ChannelSets ? m_report->channelSets() : m_report->inputChannelSets();
}

int GraphScene::setOfLayer(const QString& layer) const
{
    return m_colorMode == ColorMode::ChannelSets ? m_report->channelSetOf(layer) : m_report->inputChannelSetOf(layer);
}

void GraphScene::recomputeColors()
{
    m_colorOfSet.clear();
    m_setOfColor.clear();
    m_setTiedBy.clear();
    if (!m_report)
        return;
    const auto& ties = m_report->tiedBy();
    for (int i = static_cast<int>(ties.size()) - 1; i >= 0; --i) // the last set wins, as it did
        for (const auto& op : ties[i])
            if (!m_setTiedBy.contains(op))
                m_setTiedBy.insert(op, i);
    for (const auto& set : currentSets()) {
        if (set.size() > 1) {
            m_colorOfSet.push_back(m_setOfColor.size());
            m_setOfColor.push_back(m_colorOfSet.size() - 1);
        } else {
            m_colorOfSet.push_back(-1);
        }
    }
}

int GraphScene::colorIndexOfSet(int setIndex) const
{
    return setIndex >= 0 && setIndex < m_colorOfSet.size() ? m_colorOfSet[setIndex] : -1;
}
int GraphScene::setIndexOfColor(int colorIndex) const
{
    return colorIndex >= 0 && colorIndex < m_setOfColor.size() ? m_setOfColor[colorIndex] : -1;
}

NodeLook GraphScene::nodeLook(const ReportNode& node) const
{
    NodeLook look;
    look.title = node.type.startsWith(QLatin1String("aten::")) ? node.type.mid(6) : node.type;
    look.name = node.isModule ? node.uniqueName : node.scope;
    look.isFunction = !node.isModule;
    const ShapeVector out = m_report->outputShape(node);
    look.detail = shapeText(out);
    if (node.executions > 1)
        look.detail += tr(" ×%1").arg(node.executions);
    const int set = node.isModule ? setOfLayer(node.name) : -1;
    look.colorIndex = colorIndexOfSet(set);
    // Ops that tie a set take its colour too (outline only matters; the fill helps).
    if (!node.isModule && m_colorMode == ColorMode::ChannelSets) {
        const int tied = m_setTiedBy.value(node.uniqueName, -1);
        if (tied >= 0)
            look.colorIndex = colorIndexOfSet(tied);
    }
    if (!m_heat.isEmpty())
        look.heat = m_heat.value(node.id, 0.0);
    if (node.isModule && m_kept.contains(node.name)) {
        const auto kept = m_kept.value(node.name);
        look.detail = tr("%1/%2 kept").arg(kept.first).arg(kept.second); // shapes stay in the tooltip
    }
    look.maskConflict = node.isModule && m_conflicting.contains(node.name);
    auto unsafe = m_report->unsafeLayers().find(node.name);
    look.unsafe = node.isModule && unsafe != m_report->unsafeLayers().end();
    QStringList tip {
        QStringLiteral("<b>%1</b> (%2)").arg(node.uniqueName.toHtmlEscaped(), node.type.toHtmlEscaped())
    };
    if (!out.isEmpty())
        tip << tr("output %1").arg(shapeText(out));
    if (set >= 0 && currentSets()[set].size() > 1) {
        // A residual chain ties thousands of layers: the tip names a few, the list all.
        constexpr int kNamed = 12;
        const QStringList& members = currentSets()[set];
        QString names = QStringList(members.mid(0, kNamed)).join(QStringLiteral(", ")).toHtmlEscaped();
        if (members.size() > kNamed)
            names += tr(" and %n more", nullptr, static_cast<int>(members.size() - kNamed));
        tip << tr("dependency set %1: %2").arg(set + 1).arg(names);
    }
    if (look.unsafe)
        tip << tr("<b>Not safe to prune:</b> %1").arg(unsafe->reason.toHtmlEscaped());
    look.tooltip = tip.join(QStringLiteral("<br>"));
    return look;
}

void GraphScene::recomputeBoxContents()
{
    // One pass over the nodes, crediting each module box that contains them: a box's
    // look is then a lookup, not a scan of the whole model per box.
    m_boxContents.clear();
    if (!m_report)
        return;
    for (const auto& node : m_report->nodes()) {
        const int color = node.isModule ? colorIndexOfSet(setOfLayer(node.name)) : -1;
        const bool unsafe = node.isModule && m_report->unsafeLayers().contains(node.name);
        for (QString box = node.scope; !box.isEmpty(); box = box.section(QLatin1Char('.'), 0, -2)) {
            BoxContents& contents = m_boxContents[box];
            ++contents.nodes;
            contents.unsafe += unsafe;
            if (color >= 0)
                contents.colors.insert(color);
            if (!box.contains(QLatin1Char('.')))
                break;
        }
    }
}

BoxLook GraphScene::boxLook(const QString& module) const
{
    BoxLook look;
    const ReportModule* info = m_report->module(module);
    look.type = info ? info->type : QString();
    look.name = module;
    const BoxContents contents = m_boxContents.value(module);
    look.hiddenNodes = contents.nodes;
    look.unsafeInside = contents.unsafe;
    look.colorIndices = QVector<int>(contents.colors.begin(), contents.colors.end());
    std::sort(look.colorIndices.begin(), look.colorIndices.end());
    look.tooltip = tr("<b>%1</b> (%2), %n op(s), %3 parameters. Double-click to expand.", nullptr, look.hiddenNodes)
                       .arg(module.toHtmlEscaped(), look.type.toHtmlEscaped())
                       .arg(info ? info->params : 0);
    if (look.unsafeInside)
        look.tooltip += tr("<br>%n layer(s) inside not safe to prune", nullptr, look.unsafeInside);
    return look;
}

void GraphScene::setGeometry(const GraphGeometry& geometry)
{
    clear();
    m_nodeItems.clear();
    m_boxItems.clear();
    m_edgeItems.clear();
    if (!m_report)
        return;
    for (const auto& box : geometry.boxes) {
        auto* item = new BoxItem(box.module, box.rect, box.expanded, boxLook(box.module), box.title);
        connect(item, &BoxItem::toggleRequested, this, &GraphScene::toggleRequested);
        addItem(item);
        m_boxItems.insert(box.module, item);
    }
    for (const auto& n : geometry.nodes) {
        auto* item = new NodeItem(n.node, n.rect, nodeLook(m_report->nodes()[n.node]));
        addItem(item);
        m_nodeItems.insert(n.node, item);
    }
    for (const auto& e : geometry.edges) {
        QStringList shapes;
        for (int v : e.values)
            if (v >= 0 && v < m_report->values().size() && m_report->values()[v].hasShape)
                shapes << shapeText(m_report->values()[v].shape);
        auto* item = new EdgeItem(e.from, e.to, e.path, shapes.join(QStringLiteral(", ")));
        addItem(item);
        m_edgeItems.push_back(item);
    }
    setSceneRect(geometry.bounds.adjusted(-40, -40, 40, 40));
    applyHighlight();
}

void GraphScene::setColorMode(ColorMode mode)
{
    if (mode == m_colorMode)
        return;
    m_colorMode = mode;
    m_highlighted = -1;
    recomputeColors();
    recomputeBoxContents();
    for (auto* item : m_nodeItems)
        item->setLook(nodeLook(m_report->nodes()[item->nodeId()]));
    for (auto* box : m_boxItems)
        box->setLook(boxLook(box->module()));
    applyHighlight();
}

void GraphScene::setHeat(const QHash<int, double>& heat)
{
    m_heat = heat;
    for (auto* item : m_nodeItems)
        item->setLook(nodeLook(m_report->nodes()[item->nodeId()]));
}

void GraphScene::setMaskInfo(const QHash<QString, QPair<int, int>>& kept, const QSet<QString>& conflicting)
{
    m_kept = kept;
    m_conflicting = conflicting;
    for (auto* item : m_nodeItems)
        item->setLook(nodeLook(m_report->nodes()[item->nodeId()]));
}

void GraphScene::highlightSet(int setIndex)
{
    m_highlighted = setIndex;
    m_highlightLayers.clear();
    applyHighlight();
}

void GraphScene::highlightLayers(const QStringList& layers)
{
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
    const bool bySet = m_highlighted >= 0 && m_highlighted < currentSets().size();
    const bool active = bySet || !m_highlightLayers.isEmpty();
    QSet<QString> members(m_highlightLayers.begin(), m_highlightLayers.end()), ties;
    if (bySet) {
        for (const auto& layer : currentSets()[m_highlighted])
            members.insert(layer);
        if (m_colorMode == ColorMode::ChannelSets && m_highlighted < m_report->tiedBy().size())
            for (const auto& op : m_report->tiedBy()[m_highlighted])
                ties.insert(op);
    }
    QSet<QString> lit;
    for (auto* item : m_nodeItems) {
        const ReportNode& node = m_report->nodes()[item->nodeId()];
        const bool on = !active || (node.isModule && members.contains(node.name)) || ties.contains(node.uniqueName);
        item->setDimmed(!on);
        if (on && active) {
            lit.insert(QStringLiteral("n:%1").arg(node.id));
            m_highlightRect |= item->rect();
        }
    }
    for (auto* box : m_boxItems) {
        bool on = !active;
        for (const auto& layer : members)
            on = on || layer.startsWith(box->module() + QLatin1Char('.'));
        if (!box->isExpanded())
            box->setDimmed(!on);
        if (on && active && !box->isExpanded()) {
            lit.insert(QStringLiteral("m:") + box->module());
            m_highlightRect |= box->rect();
        }
    }
    for (auto* edge : m_edgeItems)
        edge->setEmphasis(!active ? 0 : (lit.contains(edge->from()) && lit.contains(edge->to()) ? 1 : -1));
}

} // namespace prunescope::ui
