// SPDX-License-Identifier: MIT
#include "graph/fold_tree.h"

#include <QQueue>
#include <QSet>

namespace prunescope::ui {

QString FoldUnit::key() const { return isNode() ? QStringLiteral("n:%1").arg(node) : QStringLiteral("m:") + module; }

FoldTree::FoldTree(const Report& report)
{
    const auto& nodes = report.nodes();
    m_boxesOfNode.resize(static_cast<qsizetype>(nodes.size()));
    m_units.insert(QString(), {});
    // Box chains first, so that every box containing a node exists. Nodes of one box
    // share its chain: each is walked once.
    QHash<QString, QStringList> chainOf;
    for (const auto& node : nodes) {
        const QString& container = report.container(node.id);
        auto known = chainOf.find(container);
        if (known == chainOf.end()) {
            QStringList chain;
            for (QString box = container;;) {
                chain << box;
                if (box.isEmpty())
                    break;
                const ModuleInfo* module = report.module(box);
                box = module ? qs(module->parent) : QString();
            }
            for (const auto& box : chain)
                if (!m_units.contains(box))
                    m_units.insert(box, {});
            known = chainOf.insert(container, chain);
        }
        m_boxesOfNode[node.id] = *known;
        for (const auto& box : *known)
            m_nodeCount[box] += 1;
    }
    // Units in program order: a child box enters its parent where its first node is. The
    // model's input nodes come after the engine's but are drawn first.
    QSet<QString> entered;
    const auto enter = [&](int node) {
        const QStringList& chain = m_boxesOfNode[node];
        m_units[chain.front()].push_back({ node, {} });
        for (int i = 1; i < chain.size(); ++i)
            if (!entered.contains(chain[i - 1])) {
                entered.insert(chain[i - 1]);
                m_units[chain[i]].push_back({ -1, chain[i - 1] });
            }
    };
    for (int node : report.inputNodes())
        enter(node);
    for (const auto& node : nodes)
        if (!report.inputNodes().contains(node.id))
            enter(node.id);
    m_depth.insert(QString(), 0);
    for (const QString& box : boxesBelow(QString())) // parents before children
        for (const auto& unit : unitsOf(box))
            if (!unit.isNode()) {
                const int depth = m_depth.value(box) + 1;
                m_depth.insert(unit.module, depth);
                m_maxDepth = std::max(m_maxDepth, depth);
            }
}

const QVector<FoldUnit>& FoldTree::unitsOf(const QString& module) const
{
    static const QVector<FoldUnit> none;
    auto it = m_units.find(module);
    return it == m_units.end() ? none : *it;
}

FoldUnit FoldTree::unitIn(int node, const QString& box) const
{
    const QStringList& chain = m_boxesOfNode[node];
    const int index = chain.indexOf(box);
    if (index < 0)
        return {};
    if (index == 0)
        return { node, {} };
    return { -1, chain[index - 1] };
}

QString FoldTree::visibleKey(int node, const QSet<QString>& expanded) const
{
    const QStringList& chain = m_boxesOfNode[node];
    // From the outside in: the first collapsed box hides everything below it.
    for (int i = chain.size() - 2; i >= 0; --i)
        if (!expanded.contains(chain[i]))
            return QStringLiteral("m:") + chain[i];
    return QStringLiteral("n:%1").arg(node);
}

int FoldTree::visibleCount(const QSet<QString>& expanded) const
{
    int count = 0;
    QQueue<QString> queue;
    queue.enqueue(QString());
    while (!queue.isEmpty()) {
        for (const auto& unit : unitsOf(queue.dequeue())) {
            ++count;
            if (!unit.isNode() && expanded.contains(unit.module)) {
                --count; // an expanded box shows its content instead
                queue.enqueue(unit.module);
            }
        }
    }
    return count;
}

QSet<QString> FoldTree::defaultExpansion(int budget) const
{
    QSet<QString> expanded;
    int visible = unitsOf(QString()).size();
    QQueue<QString> queue;
    for (const auto& unit : unitsOf(QString()))
        if (!unit.isNode())
            queue.enqueue(unit.module);
    while (!queue.isEmpty()) {
        const QString box = queue.dequeue();
        const int grows = unitsOf(box).size() - 1;
        if (visible + grows > budget)
            continue;
        visible += grows;
        expanded.insert(box);
        for (const auto& unit : unitsOf(box))
            if (!unit.isNode())
                queue.enqueue(unit.module);
    }
    return expanded;
}

QStringList FoldTree::boxesBelow(const QString& module) const
{
    QStringList boxes { module };
    for (int i = 0; i < boxes.size(); ++i)
        for (const auto& unit : unitsOf(boxes[i]))
            if (!unit.isNode())
                boxes << unit.module;
    return boxes;
}

} // namespace prunescope::ui
