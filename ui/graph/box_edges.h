// SPDX-License-Identifier: MIT
#pragma once
// What each box's own layout has to connect, found for every box in one pass over the
// edges: the edges between its units, and the values that cross its border. A value
// from outside enters through an in-port (one per set of units it feeds), a value
// leaving goes out through an out-port (one per unit that produces it). Ports are the
// box's own: they do not depend on what is expanded, so box layouts stay cacheable.
#include "graph/fold_tree.h"

#include <QHash>
#include <QPair>
#include <QStringList>
#include <QVector>

namespace prunescope::ui {

struct BoxEdgeList {
    QVector<QPair<QString, QString>> unitEdges; // unit keys, each pair once, in program order
    QVector<QStringList> inPorts; // per in-port: the unit keys it feeds
    QStringList outPorts; // per out-port: the unit key that feeds it
    QHash<int, int> inPortOfValue; // value id -> in-port
    QHash<int, int> outPortOfValue; // value id -> out-port

    static QString inKey(int port) { return QStringLiteral("in:%1").arg(port); }
    static QString outKey(int port) { return QStringLiteral("out:%1").arg(port); }
};

class BoxEdges {
public:
    BoxEdges(const Report& report, const FoldTree& tree);
    const BoxEdgeList& of(const QString& box) const;

private:
    QHash<QString, BoxEdgeList> m_lists;
};

} // namespace prunescope::ui
