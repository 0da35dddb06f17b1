// SPDX-License-Identifier: MIT
// The reduction that keeps DenseNet blocks fast to lay out must keep exactly the edges
// that decide reachability.
#include "graph/transitive_reduction.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <random>

using prunescope::ui::transitiveReduction;
using Edges = QVector<QPair<int, int>>;

class TestTransitiveReduction : public QObject {
    Q_OBJECT
private slots:
    void denseBlockBecomesAChain()
    {
        // Every node feeds every later one, as in a DenseNet block.
        Edges dense;
        for (int i = 0; i < 6; ++i)
            for (int j = i + 1; j < 6; ++j)
                dense.push_back({ i, j });
        QCOMPARE(transitiveReduction(6, dense), (Edges { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 }, { 4, 5 } }));
    }

    void keepsNecessaryEdgesAndOrder()
    {
        // Diamond plus a shortcut a->d: the shortcut goes, the diamond stays.
        const Edges diamond { { 0, 1 }, { 0, 2 }, { 1, 3 }, { 2, 3 }, { 0, 3 } };
        QCOMPARE(transitiveReduction(4, diamond), (Edges { { 0, 1 }, { 0, 2 }, { 1, 3 }, { 2, 3 } }));
        // Duplicates collapse; a lone edge stays.
        QCOMPARE(transitiveReduction(2, Edges { { 0, 1 }, { 0, 1 } }), (Edges { { 0, 1 } }));
    }

    // Against the definition, on random DAGs: u->v stays exactly when no other path
    // leads from u to v (checked by a plain search that skips the edge itself).
    void matchesTheDefinitionOnRandomGraphs()
    {
        QRandomGenerator random(7);
        for (int round = 0; round < 20; ++round) {
            const int n = 2 + static_cast<int>(random.bounded(40));
            Edges edges;
            for (int u = 0; u < n; ++u)
                for (int v = u + 1; v < n; ++v)
                    if (random.bounded(100) < 25)
                        edges.push_back({ u, v });
            std::shuffle(edges.begin(), edges.end(), std::mt19937(round));
            Edges expected;
            for (const auto& edge : edges) {
                QVector<bool> seen(n, false);
                QVector<int> stack;
                for (const auto& other : edges)
                    if (other.first == edge.first && other.second != edge.second)
                        stack.push_back(other.second);
                bool other = false;
                while (!stack.isEmpty() && !other) {
                    const int w = stack.takeLast();
                    if (seen[w])
                        continue;
                    seen[w] = true;
                    other = w == edge.second;
                    for (const auto& next : edges)
                        if (next.first == w)
                            stack.push_back(next.second);
                }
                if (!other && !expected.contains(edge))
                    expected.push_back(edge);
            }
            QCOMPARE(transitiveReduction(n, edges), expected);
        }
    }

    void cyclesAreLeftAlone()
    {
        const Edges cycle { { 0, 1 }, { 1, 2 }, { 2, 0 }, { 0, 2 } };
        QCOMPARE(transitiveReduction(3, cycle), cycle);
    }
};

QTEST_GUILESS_MAIN(TestTransitiveReduction)
#include "tst_transitive_reduction.moc"
