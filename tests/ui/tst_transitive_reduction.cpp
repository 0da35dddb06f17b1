// The reduction that keeps DenseNet blocks fast to lay out must keep exactly the edges
// that decide reachability.
#include "graph/transitive_reduction.h"

#include <QtTest>

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

    void cyclesAreLeftAlone()
    {
        const Edges cycle { { 0, 1 }, { 1, 2 }, { 2, 0 }, { 0, 2 } };
        QCOMPARE(transitiveReduction(3, cycle), cycle);
    }
};

QTEST_GUILESS_MAIN(TestTransitiveReduction)
#include "tst_transitive_reduction.moc"
