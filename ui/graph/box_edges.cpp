// SPDX-License-Identifier: MIT
#include "graph/box_edges.h"

#include <QSet>

namespace prunescope::ui {

namespace {

// The key of a node's unit in the box at `index` of its box chain (innermost first).
QString unitKey(int node, const QStringList& chain, int index)
{
    return index == 0 ? QStringLiteral("n:%1").arg(node) : QStringLiteral("m:") + chain[index - 1];
}

} // namespace

BoxEdges::BoxEdges(const Report& report, const FoldTree& tree)
{
    // Per box: the units each entering value feeds, in program order.
    QHash<QString, QVector<QPair<int, QStringList>>> entering;
    QHash<QString, QHash<int, int>> enteringIndex;
    QHash<QString, QSet<QPair<QString, QString>>> seen;
    for (const auto& edge : report.edges()) {
        if (edge.from == edge.to)
            continue;
        const QStringList& chainS = tree.boxesOf(edge.from);
        const QStringList& chainT = tree.boxesOf(edge.to);
        // Both chains end at the model (""); the common tail is the shared boxes.
        int iS = static_cast<int>(chainS.size()) - 1, iT = static_cast<int>(chainT.size()) - 1;
        while (iS > 0 && iT > 0 && chainS[iS - 1] == chainT[iT - 1]) {
            --iS;
            --iT;
        }
        const QString& common = chainS[iS];
        const QPair<QString, QString> pair { unitKey(edge.from, chainS, iS), unitKey(edge.to, chainT, iT) };
        if (!seen[common].contains(pair)) {
            seen[common].insert(pair);
            m_lists[common].unitEdges.push_back(pair);
        }
        for (int k = 0; k < iS; ++k) { // the value leaves these boxes
            BoxEdgeList& list = m_lists[chainS[k]];
            if (list.outPortOfValue.contains(edge.value))
                continue;
            const QString producer = unitKey(edge.from, chainS, k);
            int port = static_cast<int>(list.outPorts.indexOf(producer));
            if (port < 0) {
                port = static_cast<int>(list.outPorts.size());
                list.outPorts << producer;
            }
            list.outPortOfValue.insert(edge.value, port);
        }
        for (int k = 0; k < iT; ++k) { // and enters these
            auto& index = enteringIndex[chainT[k]];
            auto& values = entering[chainT[k]];
            auto found = index.find(edge.value);
            if (found == index.end()) {
                found = index.insert(edge.value, static_cast<int>(values.size()));
                values.push_back({ edge.value, {} });
            }
            QStringList& units = values[*found].second;
            const QString consumer = unitKey(edge.to, chainT, k);
            if (!units.contains(consumer))
                units << consumer;
        }
    }
    // Values that feed the same units share a port.
    for (auto it = entering.begin(); it != entering.end(); ++it) {
        BoxEdgeList& list = m_lists[it.key()];
        QHash<QString, int> portOfUnits;
        for (const auto& [value, units] : it.value()) {
            QStringList sorted = units;
            sorted.sort();
            const QString signature = sorted.join(QLatin1Char(' '));
            auto port = portOfUnits.find(signature);
            if (port == portOfUnits.end()) {
                port = portOfUnits.insert(signature, static_cast<int>(list.inPorts.size()));
                list.inPorts.push_back(units);
            }
            list.inPortOfValue.insert(value, *port);
        }
    }
}

const BoxEdgeList& BoxEdges::of(const QString& box) const
{
    static const BoxEdgeList none;
    auto it = m_lists.find(box);
    return it == m_lists.end() ? none : *it;
}

} // namespace prunescope::ui
