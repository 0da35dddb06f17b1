// SPDX-License-Identifier: MIT
#pragma once
// The module hierarchy as the graph view folds it: every module that contains nodes is
// a box that is either collapsed (one item) or expanded (its children laid out inside).
// A "unit" is what a box directly contains: a node, or a child module's box.
#include "model/report.h"

#include <QSet>

namespace prunescope::ui {

struct FoldUnit {
    int node = -1; // a node, or
    QString module; // a child module's box
    bool isNode() const { return node >= 0; }
    QString key() const; // "n:12" / "m:layer1.0"
};

class FoldTree {
public:
    explicit FoldTree(const Report& report);

    // Units directly inside a module box ("" = the model), in program order.
    const QVector<FoldUnit>& unitsOf(const QString& module) const;
    bool isBox(const QString& module) const { return m_units.contains(module); }
    // Box chain of a node, innermost first, ending with "".
    const QStringList& boxesOf(int node) const { return m_boxesOfNode[node]; }
    // The unit of `box` that holds `node`, or an invalid unit when it is not inside.
    FoldUnit unitIn(int node, const QString& box) const;
    int nodeCount(const QString& module) const { return m_nodeCount.value(module); }

    // What is drawn for `node` under this expansion: the node itself, or the outermost
    // collapsed box that hides it.
    QString visibleKey(int node, const QSet<QString>& expanded) const;
    int visibleCount(const QSet<QString>& expanded) const;
    // Expands boxes breadth-first while the view stays under `budget` visible items.
    QSet<QString> defaultExpansion(int budget) const;
    // Every box below `module` (and itself).
    QStringList boxesBelow(const QString& module) const;
    // How deep a box sits: 1 for the boxes of the model's top level, 0 for the model.
    int depthOf(const QString& box) const { return m_depth.value(box); }
    int maxDepth() const { return m_maxDepth; }

private:
    QHash<QString, QVector<FoldUnit>> m_units;
    QVector<QStringList> m_boxesOfNode;
    QHash<QString, int> m_nodeCount;
    QHash<QString, int> m_depth;
    int m_maxDepth = 0;
};

} // namespace prunescope::ui
