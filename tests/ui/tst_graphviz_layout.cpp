// SPDX-License-Identifier: MIT
// layoutWithDot: dot's placement comes back in the scene's y-down frame, honours the
// node sizes and separations it is given, routes every edge between the right
// borders, refuses bad input, and gives the same answer from any thread.
#include "graph/chain_layout.h"
#include "graph/graphviz_layout.h"

#include <QtTest>

#include <algorithm>
#include <clocale>
#include <string>
#include <thread>
#include <vector>

using namespace prunescope::ui;

namespace {

// dot puts nodes on whole points and clips splines at the node border; a couple of
// points covers its rounding.
constexpr double kTolerance = 2.0;

LayoutInput::Node node(const QString& id, double w, double h) { return { id, QSizeF(w, h) }; }

QRectF rectOf(const LayoutInput& in, const LayoutResult& out, int i)
{
    const QSizeF size = in.nodes[i].size;
    return QRectF(out.centers[i] - QPointF(size.width(), size.height()) / 2, size);
}

bool overlap(const QRectF& a, const QRectF& b)
{
    const QRectF common = a.intersected(b);
    return common.width() > 1e-6 && common.height() > 1e-6;
}

QPointF startOf(const QPainterPath& path) { return path.elementAt(0); }

QPointF endOf(const QPainterPath& path) { return path.elementAt(path.elementCount() - 1); }

bool near(const QPointF& a, const QPointF& b) { return QLineF(a, b).length() <= kTolerance; }

QByteArray describe(const QPointF& p) { return QByteArray::number(p.x()) + "," + QByteArray::number(p.y()); }

// QRectF::contains refuses zero-width rectangles, and a straight edge's bounds are one.
bool inside(const QRectF& r, const QSizeF& frame)
{
    constexpr double slack = 1e-6;
    return r.left() >= -slack && r.top() >= -slack && r.right() <= frame.width() + slack
        && r.bottom() <= frame.height() + slack;
}

// The promise in LayoutResult::size: nothing drawn falls outside [0,w]x[0,h].
void verifyInsideBounds(const LayoutInput& in, const LayoutResult& out)
{
    for (int i = 0; i < in.nodes.size(); ++i)
        QVERIFY2(inside(rectOf(in, out, i), out.size), qPrintable(QStringLiteral("node %1 outside").arg(i)));
    for (int i = 0; i < out.edges.size(); ++i) {
        if (!out.edges[i].isEmpty())
            QVERIFY2(
                inside(out.edges[i].boundingRect(), out.size), qPrintable(QStringLiteral("edge %1 outside").arg(i)));
    }
}

void verifyShape(const LayoutInput& in, const LayoutResult& out)
{
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.centers.size(), in.nodes.size());
    QCOMPARE(out.edges.size(), in.edges.size());
    verifyInsideBounds(in, out);
}

LayoutInput chain(int n)
{
    LayoutInput in;
    for (int i = 0; i < n; ++i)
        in.nodes.push_back(node(QStringLiteral("n%1").arg(i), 60 + (i % 4) * 25, 24 + (i % 3) * 6));
    for (int i = 0; i + 1 < n; ++i)
        in.edges.push_back({ i, i + 1 });
    return in;
}

// A residual network's shape: a chain with skip connections over every block.
LayoutInput chainWithSkips(int n)
{
    LayoutInput in = chain(n);
    for (int i = 0; i + 3 < n; i += 3)
        in.edges.push_back({ i, i + 3 });
    for (int i = 0; i + 5 < n; i += 10)
        in.edges.push_back({ i, i + 5 });
    return in;
}

bool sameLayout(const LayoutResult& a, const LayoutResult& b)
{
    return a.ok == b.ok && a.error == b.error && a.size == b.size && a.centers == b.centers && a.edges == b.edges;
}

} // namespace

class TestGraphvizLayout : public QObject {
    Q_OBJECT
private slots:
    void emptyInputIsAnEmptyLayout()
    {
        const LayoutResult out = layoutWithDot(LayoutInput {});
        QVERIFY(out.ok);
        QVERIFY(out.error.isEmpty());
        QVERIFY(out.centers.isEmpty());
        QVERIFY(out.edges.isEmpty());
        QCOMPARE(out.size, QSizeF(0, 0));
    }

    void chainTopToBottom()
    {
        const LayoutInput in = chain(3);
        const LayoutResult out = layoutWithDot(in);
        verifyShape(in, out);

        for (int i = 0; i + 1 < 3; ++i) {
            const QRectF upper = rectOf(in, out, i);
            const QRectF lower = rectOf(in, out, i + 1);
            QVERIFY(out.centers[i + 1].y() > out.centers[i].y());
            QVERIFY(lower.top() >= upper.bottom() + in.rankSeparation - kTolerance);
            QVERIFY(qAbs(out.centers[i + 1].x() - out.centers[i].x()) <= kTolerance);

            const QPainterPath& edge = out.edges[i];
            QVERIFY(!edge.isEmpty());
            const QPointF tailBorder(out.centers[i].x(), upper.bottom());
            const QPointF headBorder(out.centers[i + 1].x(), lower.top());
            QVERIFY2(near(startOf(edge), tailBorder), describe(startOf(edge)).constData());
            QVERIFY2(near(endOf(edge), headBorder), describe(endOf(edge)).constData());
        }
        QVERIFY(out.size.height() >= rectOf(in, out, 2).bottom() - rectOf(in, out, 0).top());
    }

    void chainLeftToRight()
    {
        LayoutInput in = chain(3);
        in.leftToRight = true;
        const LayoutResult out = layoutWithDot(in);
        verifyShape(in, out);

        for (int i = 0; i + 1 < 3; ++i) {
            const QRectF left = rectOf(in, out, i);
            const QRectF right = rectOf(in, out, i + 1);
            QVERIFY(out.centers[i + 1].x() > out.centers[i].x());
            QVERIFY(right.left() >= left.right() + in.rankSeparation - kTolerance);
            QVERIFY(qAbs(out.centers[i + 1].y() - out.centers[i].y()) <= kTolerance);

            const QPainterPath& edge = out.edges[i];
            QVERIFY(!edge.isEmpty());
            QVERIFY2(
                near(startOf(edge), QPointF(left.right(), out.centers[i].y())), describe(startOf(edge)).constData());
            QVERIFY2(
                near(endOf(edge), QPointF(right.left(), out.centers[i + 1].y())), describe(endOf(edge)).constData());
        }
    }

    // The chain shortcut must draw what dot draws: same order, same separations, one
    // line of centres, edges from border to border, everything inside the size.
    void chainShortcutMatchesDot_data()
    {
        QTest::addColumn<bool>("leftToRight");
        QTest::newRow("top to bottom") << false;
        QTest::newRow("left to right") << true;
    }

    void chainShortcutMatchesDot()
    {
        QFETCH(bool, leftToRight);
        LayoutInput in = chain(9);
        in.leftToRight = leftToRight;
        std::swap(in.edges[2], in.edges[5]); // edge order is not path order
        QVERIFY(isChain(in));
        const LayoutResult ours = layoutChain(in), dots = layoutWithDot(in);
        verifyShape(in, ours);
        verifyShape(in, dots);
        const auto along = [&](const QPointF& p) { return leftToRight ? p.x() : p.y(); };
        const auto across = [&](const QPointF& p) { return leftToRight ? p.y() : p.x(); };
        for (int i = 0; i + 1 < in.nodes.size(); ++i) {
            const double ourStep = along(ours.centers[i + 1]) - along(ours.centers[i]);
            const double dotStep = along(dots.centers[i + 1]) - along(dots.centers[i]);
            QVERIFY2(qAbs(ourStep - dotStep) <= kTolerance, qPrintable(QString("%1 vs %2").arg(ourStep).arg(dotStep)));
            QVERIFY(qAbs(across(ours.centers[i + 1]) - across(ours.centers[i])) <= 1e-9);
        }
        for (int e = 0; e < in.edges.size(); ++e) {
            const QRectF tail = rectOf(in, ours, in.edges[e].from), head = rectOf(in, ours, in.edges[e].to);
            const QPointF tailBorder
                = leftToRight ? QPointF(tail.right(), tail.center().y()) : QPointF(tail.center().x(), tail.bottom());
            const QPointF headBorder
                = leftToRight ? QPointF(head.left(), head.center().y()) : QPointF(head.center().x(), head.top());
            QVERIFY(near(startOf(ours.edges[e]), tailBorder));
            QVERIFY(near(endOf(ours.edges[e]), headBorder));
        }
        QVERIFY(qAbs(along(QPointF(ours.size.width(), ours.size.height()))
                    - along(QPointF(dots.size.width(), dots.size.height())))
            <= 2 * kTolerance);
    }

    void branchesAndCyclesAreNoChain()
    {
        LayoutInput in = chain(4);
        in.edges.push_back({ 0, 2 }); // a skip
        QVERIFY(!isChain(in));
        in = chain(4);
        in.edges[2] = { 3, 0 }; // 0->1->2, 3->0: a path 3,0,1,2 after all
        QVERIFY(isChain(in));
        in.edges[2] = { 2, 0 }; // a cycle, node 3 alone
        QVERIFY(!isChain(in));
        in = chain(4);
        in.edges.pop_back(); // node 3 unconnected
        QVERIFY(!isChain(in));
    }

    void diamondPutsSiblingsOnOneRank()
    {
        LayoutInput in;
        in.nodes = { node("a", 80, 30), node("b", 120, 30), node("c", 70, 40), node("d", 90, 30) };
        in.edges = { { 0, 1 }, { 0, 2 }, { 1, 3 }, { 2, 3 } };
        const LayoutResult out = layoutWithDot(in);
        verifyShape(in, out);

        const auto& c = out.centers;
        QCOMPARE(c[1].y(), c[2].y());
        QVERIFY(qAbs(c[1].x() - c[2].x()) > 1);
        QVERIFY(c[0].y() < c[1].y());
        QVERIFY(c[3].y() > c[1].y());
        for (int i = 0; i < 4; ++i) {
            for (int j = i + 1; j < 4; ++j)
                QVERIFY2(!overlap(rectOf(in, out, i), rectOf(in, out, j)),
                    qPrintable(QStringLiteral("%1/%2").arg(i).arg(j)));
        }
        for (const QPainterPath& edge : out.edges)
            QVERIFY(!edge.isEmpty());
    }

    void nodeSizesAndSeparationsAreHonoured()
    {
        // A root over four siblings of very different widths, one of them far wider than
        // the rest of the graph together.
        LayoutInput in;
        in.nodes = { node("root", 50, 20), node("wide", 500, 30), node("narrow", 20, 60), node("mid", 140, 24),
            node("small", 36, 36) };
        in.edges = { { 0, 1 }, { 0, 2 }, { 0, 3 }, { 0, 4 } };
        in.nodeSeparation = 30;
        in.rankSeparation = 50;
        const LayoutResult out = layoutWithDot(in);
        verifyShape(in, out);

        QVERIFY(out.size.width() >= 500 + 20 + 140 + 36 + 3 * in.nodeSeparation - kTolerance);
        QVERIFY(out.size.height() >= 20 + 60 + in.rankSeparation - kTolerance);

        std::vector<QRectF> rank;
        for (int i = 1; i < in.nodes.size(); ++i) {
            QCOMPARE(out.centers[i].y(), out.centers[1].y());
            rank.push_back(rectOf(in, out, i));
        }
        std::sort(rank.begin(), rank.end(), [](const QRectF& a, const QRectF& b) { return a.left() < b.left(); });
        for (size_t i = 0; i + 1 < rank.size(); ++i) {
            const double gap = rank[i + 1].left() - rank[i].right();
            QVERIFY2(gap >= in.nodeSeparation - kTolerance, qPrintable(QStringLiteral("gap %1").arg(gap)));
        }
        // Ranks are spaced from the tallest node on each.
        const double rankGap = (out.centers[1].y() - 60.0 / 2) - rectOf(in, out, 0).bottom();
        QVERIFY2(rankGap >= in.rankSeparation - kTolerance, qPrintable(QStringLiteral("rank gap %1").arg(rankGap)));
    }

    void multiEdgesAndSelfLoopsAreAccepted()
    {
        LayoutInput in = chain(3);
        in.edges.push_back({ 0, 1 });
        in.edges.push_back({ 1, 1 });
        const LayoutResult out = layoutWithDot(in);
        verifyShape(in, out);
        QVERIFY(!out.edges[0].isEmpty());
        QVERIFY(!out.edges[2].isEmpty());
        QVERIFY(out.edges[0] != out.edges[2]);
    }

    void largeChainWithSkips()
    {
        const LayoutInput in = chainWithSkips(200);
        const LayoutResult out = layoutWithDot(in);
        verifyShape(in, out);

        for (int i = 0; i < in.nodes.size(); ++i) {
            for (int j = i + 1; j < in.nodes.size(); ++j) {
                if (overlap(rectOf(in, out, i), rectOf(in, out, j)))
                    QFAIL(qPrintable(QStringLiteral("nodes %1 and %2 overlap").arg(i).arg(j)));
            }
        }
        for (int i = 0; i < in.edges.size(); ++i)
            QVERIFY2(!out.edges[i].isEmpty(), qPrintable(QStringLiteral("edge %1 has no path").arg(i)));
        for (int i = 0; i + 1 < in.nodes.size(); ++i)
            QVERIFY(out.centers[i + 1].y() > out.centers[i].y());
    }

    void invalidEdgeIndexIsRefused_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("negative tail") << -1 << 1;
        QTest::newRow("head past the end") << 0 << 3;
        QTest::newRow("default edge") << -1 << -1;
        QTest::newRow("far off") << 1000 << 0;
    }

    void invalidEdgeIndexIsRefused()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        LayoutInput in = chain(3);
        in.edges.push_back({ from, to });
        const LayoutResult out = layoutWithDot(in);
        QVERIFY(!out.ok);
        QVERIFY(!out.error.isEmpty());
        QVERIFY(out.centers.isEmpty());
        QVERIFY(out.edges.isEmpty());

        LayoutInput noNodes;
        noNodes.edges.push_back({ 0, 0 });
        QVERIFY(!layoutWithDot(noNodes).ok);
    }

    void repeatedCallsAgree()
    {
        const LayoutInput in = chainWithSkips(40);
        const LayoutResult first = layoutWithDot(in);
        QVERIFY(first.ok);
        for (int i = 0; i < 3; ++i)
            QVERIFY(sameLayout(layoutWithDot(in), first));
    }

    void concurrentCallsMatchSequential()
    {
        std::vector<LayoutInput> inputs { chainWithSkips(60), chain(5), chainWithSkips(25) };
        inputs[1].leftToRight = true;
        std::vector<LayoutResult> expected;
        expected.reserve(inputs.size());
        for (const LayoutInput& in : inputs)
            expected.push_back(layoutWithDot(in));

        constexpr int kThreads = 4;
        constexpr int kRounds = 3;
        std::vector<std::vector<LayoutResult>> results(kThreads);
        std::vector<std::thread> threads;
        threads.reserve(kThreads);
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int r = 0; r < kRounds; ++r) {
                    for (size_t k = 0; k < inputs.size(); ++k)
                        results[size_t(t)].push_back(layoutWithDot(inputs[(k + size_t(t)) % inputs.size()]));
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();

        for (int t = 0; t < kThreads; ++t) {
            QCOMPARE(results[size_t(t)].size(), size_t(kRounds) * inputs.size());
            for (size_t i = 0; i < results[size_t(t)].size(); ++i) {
                const LayoutResult& want = expected[(i % inputs.size() + size_t(t)) % inputs.size()];
                QVERIFY2(want.ok, qPrintable(want.error));
                QVERIFY2(sameLayout(results[size_t(t)][i], want),
                    qPrintable(QStringLiteral("thread %1, call %2").arg(t).arg(i)));
            }
        }
    }

    // Qt applications run in the user's locale; one that writes 0,5 must not change
    // how Graphviz reads the sizes it is given. scripts/dev setup generates de_DE.UTF-8:
    // without a comma-decimal locale this test fails rather than proving nothing.
    void commaDecimalLocaleDoesNotChangeTheLayout()
    {
        LayoutInput in = chain(4);
        in.nodes[1].size = QSizeF(123.5, 31.25);
        const LayoutResult reference = layoutWithDot(in);
        QVERIFY(reference.ok);

        const std::string previous = std::setlocale(LC_NUMERIC, nullptr);
        const char* found = nullptr;
        for (const char* name : { "de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "fr_FR.utf8", "ru_RU.UTF-8" }) {
            if (std::setlocale(LC_NUMERIC, name)) {
                found = name;
                break;
            }
        }
        if (!found)
            QFAIL("no comma-decimal locale installed: run scripts/dev setup (it generates de_DE.UTF-8)");
        const bool comma = std::localeconv()->decimal_point[0] == ',';
        const LayoutResult localized = layoutWithDot(in);
        std::setlocale(LC_NUMERIC, previous.c_str());
        if (!comma)
            QFAIL(qPrintable(QString("the locale %1 does not use a decimal comma").arg(found)));

        QVERIFY(sameLayout(localized, reference));
    }
};

QTEST_GUILESS_MAIN(TestGraphvizLayout)
#include "tst_graphviz_layout.moc"
