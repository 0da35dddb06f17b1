// SPDX-License-Identifier: MIT
// NNI v2.9's dependency rules on hand-made graphs: each case is a topology small enough
// to work out the answer by reading shape_dependency.py, and the expected sets say why.
#include "graph_sketch.h"
#include "prunescope/dependency.h"

#include <QtTest>

#include <set>

using namespace prunescope;
using prunescope::test::GraphSketch;

namespace {

using Partition = std::set<std::set<std::string>>;

Partition partition(const LayerSets& sets)
{
    Partition p;
    for (const auto& s : sets)
        p.insert(std::set<std::string>(s.begin(), s.end()));
    return p;
}

const std::map<std::string, std::vector<int64_t>> kConv { { "groups", { 1 } }, { "out_channels", { 8 } } };

} // namespace

class TestDependencyRules : public QObject {
    Q_OBJECT
private slots:
    void addTiesNearestLayersThroughBnAndRelu()
    {
        // a -> bn -> relu --+
        //                   add -> c      a and b meet in the add; c is below it.
        // b -> bn2 ---------+
        const auto graph = GraphSketch()
                               .module("a", "Conv2d", { "input" })
                               .module("bn", "BatchNorm2d", { "a" })
                               .module("relu", "ReLU", { "bn" })
                               .module("b", "Conv2d", { "input" })
                               .module("bn2", "BatchNorm2d", { "b" })
                               .op("add", "aten::add", { "relu", "bn2" })
                               .module("c", "Conv2d", { "add" })
                               .build();
        const auto result = channelDependency(graph);
        QVERIFY(partition(result.sets) == (Partition { { "a", "b" }, { "c" } }));
        QCOMPARE(result.tied_by.front(), std::vector<std::string> { "add" });
        // With prune type Batchnorm the nearest BatchNorm2d layers are tied instead.
        const auto bn = channelDependency(graph, PruneType::Batchnorm);
        QVERIFY(partition(bn.sets) == (Partition { { "bn", "bn2" } }));
    }

    void searchStopsAtTheFirstLayer()
    {
        // x -> a -> b --+-- add: only b (the nearest layer) is tied with c, not a.
        // x -> c -------+
        const auto graph = GraphSketch()
                               .module("a", "Conv2d", { "input" })
                               .module("b", "Conv2d", { "a" })
                               .module("c", "Linear", { "input" })
                               .op("add", "aten::add_", { "b", "c" })
                               .build();
        QVERIFY(partition(channelDependency(graph).sets) == (Partition { { "a" }, { "b", "c" } }));
    }

    void mulSubDivAndLogicalOpsTieToo()
    {
        for (const char* kind : { "aten::mul", "aten::sub_", "aten::div", "aten::logical_and", "aten::addcmul" }) {
            const auto graph = GraphSketch()
                                   .module("a", "Conv2d", { "input" })
                                   .module("b", "ConvTranspose2d", { "input" })
                                   .op("op", kind, { "a", "b" })
                                   .build();
            QVERIFY2(partition(channelDependency(graph).sets) == (Partition { { "a", "b" } }), kind);
        }
        // matmul is not in v2.9's list.
        const auto graph = GraphSketch()
                               .module("a", "Linear", { "input" })
                               .module("b", "Linear", { "input" })
                               .op("mm", "aten::matmul", { "a", "b" })
                               .build();
        QVERIFY(partition(channelDependency(graph).sets) == (Partition { { "a" }, { "b" } }));
    }

    void reshapeKeepingChannelsIsLookedThrough()
    {
        // flatten (1,64,1,1) -> (1,64) keeps dim 1, so a and b are still tied.
        const auto keep = GraphSketch()
                              .module("a", "Conv2d", { "input" })
                              .op("flatten", "aten::flatten", { "a" }, { 1, 64, 1, 1 }, { 1, 64 })
                              .module("b", "Linear", { "input" })
                              .op("add", "aten::add", { "flatten", "b" })
                              .build();
        QVERIFY(partition(channelDependency(keep).sets) == (Partition { { "a", "b" } }));
        // view (1,16,7,7) -> (1,784) changes dim 1: the search stops there.
        const auto change = GraphSketch()
                                .module("a", "Conv2d", { "input" })
                                .op("view", "aten::view", { "a" }, { 1, 16, 7, 7 }, { 1, 784 })
                                .module("b", "Linear", { "input" })
                                .op("add", "aten::add", { "view", "b" })
                                .build();
        QVERIFY(partition(channelDependency(change).sets) == (Partition { { "a" }, { "b" } }));
        // mean to a scalar (output of rank 0) always stops it.
        const auto mean = GraphSketch()
                              .module("a", "Conv2d", { "input" })
                              .op("mean", "aten::mean", { "a" }, { 1, 8, 4, 4 }, {})
                              .module("b", "Conv2d", { "input" })
                              .op("add", "aten::add", { "mean", "b" })
                              .build();
        QVERIFY(partition(channelDependency(mean).sets) == (Partition { { "a" }, { "b" } }));
    }

    void catNeverTiesInV29()
    {
        // v2.9 skips cat on dim 1, and for any other dim its search stops at the cat
        // itself (a list of input shapes is compared with a channel count), so no cat
        // ever ties layers, and a cat blocks the search from an add below it.
        for (int dim : { 1, 2, 0, -1 }) {
            const auto graph
                = GraphSketch()
                      .module("a", "Conv2d", { "input" })
                      .module("b", "Conv2d", { "input" })
                      .op("cat", "aten::cat", { "a", "b" }, { 1, 4, 8, 8 }, { 1, 4, 16, 8 }, { { "dim", { dim } } })
                      .module("c", "Conv2d", { "input" })
                      .op("add", "aten::add", { "cat", "c" })
                      .build();
            QVERIFY2(partition(channelDependency(graph).sets) == (Partition { { "a" }, { "b" }, { "c" } }),
                qPrintable(QString("dim %1").arg(dim)));
        }
    }

    void setsAreListedInNniOrder()
    {
        // Module calls come first, grouped per module in order of the module's first
        // call; a set is listed where its first member is met. Here module "late" is
        // called first, so its set comes first although "early" sorts before it.
        const auto graph = GraphSketch()
                               .module("late", "Conv2d", { "input" })
                               .module("early", "Conv2d", { "late" })
                               .module("other", "Conv2d", { "late" })
                               .op("add", "aten::add", { "early", "other" })
                               .build();
        const auto sets = channelDependency(graph).sets;
        QCOMPARE(sets.size(), size_t(2));
        QCOMPARE(sets[0], std::vector<std::string> { "late" });
        QCOMPARE(sets[1], (std::vector<std::string> { "early", "other" }));
        QCOMPARE(dependencyCsv(channelDependency(graph)),
            std::string("Dependency Set,Convolutional Layers\nSet 1,late\nSet 2,early,other\n"));
    }

    void aModuleCalledTwiceIsListedOnce()
    {
        // c(x) + c(x): both calls are one module, so one set of one layer.
        const auto graph = GraphSketch()
                               .module("c", "Conv2d", { "input" })
                               .call("c", { "input" })
                               .op("add", "aten::add", { "c", "c.1" })
                               .build();
        QVERIFY(partition(channelDependency(graph).sets) == (Partition { { "c" } }));
    }

    void groupDependencyUsesLcmAndMin()
    {
        // c0(3->16) -> c1(16->16, groups 4) -> c2(16->8, groups 2) -> c3
        // c1 asks c0's filters to split in 4; c2 asks c1's to split in 2.
        // c0: [1, 4] -> max lcm 4, min: min 1 == gcd 1 -> 1
        // c1: [4, 2] -> max 4, min: min 2 == gcd 2 -> 2
        // c2: [2] -> 2, 2;  c3: [1] -> 1, 1
        const auto graph = GraphSketch()
                               .module("c0", "Conv2d", { "input" }, { { "groups", { 1 } }, { "out_channels", { 16 } } })
                               .module("bn", "BatchNorm2d", { "c0" })
                               .module("c1", "Conv2d", { "bn" }, { { "groups", { 4 } }, { "out_channels", { 16 } } })
                               .module("c2", "Conv2d", { "c1" }, { { "groups", { 2 } }, { "out_channels", { 8 } } })
                               .module("c3", "Conv2d", { "c2" }, kConv)
                               .build();
        const auto groups = groupDependency(graph);
        QCOMPARE(groups.size(), size_t(4));
        const std::vector<std::tuple<std::string, int64_t, int64_t>> expected { { "c0", 4, 1 }, { "c1", 4, 2 },
            { "c2", 2, 2 }, { "c3", 1, 1 } };
        for (size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(groups[i].layer, std::get<0>(expected[i]));
            QCOMPARE(groups[i].max_groups, std::get<1>(expected[i]));
            QCOMPARE(groups[i].min_groups, std::get<2>(expected[i]));
        }
    }

    void depthwiseConvAddsNoGroupConstraint()
    {
        // groups == out_channels: NNI counts it as 1, and its parent gets nothing.
        const auto graph = GraphSketch()
                               .module("pw", "Conv2d", { "input" }, kConv)
                               .module("dw", "Conv2d", { "pw" }, { { "groups", { 8 } }, { "out_channels", { 8 } } })
                               .build();
        // Both convs are listed (every Conv2d is), each with no constraint.
        const auto groups = groupDependency(graph);
        QCOMPARE(groups.size(), size_t(2));
        QCOMPARE(groups[0].layer, std::string("pw"));
        QCOMPARE(groups[1].layer, std::string("dw"));
        for (const auto& g : groups) {
            QCOMPARE(g.max_groups, int64_t(1));
            QCOMPARE(g.min_groups, int64_t(1));
        }
    }

    void notSafeToPruneFollowsAnyPathToTheView()
    {
        // a -> relu -> pool -> view: a is not safe; b only reaches flatten, which is safe;
        // the search from the view stops at a and does not reach a's input layer.
        const auto graph = GraphSketch()
                               .module("first", "Conv2d", { "input" })
                               .module("a", "Conv2d", { "first" })
                               .module("relu", "ReLU", { "a" })
                               .op("pool", "aten::adaptive_avg_pool2d", { "relu" })
                               .op("view", "aten::view", { "pool" }, { 1, 8, 2, 2 }, { 1, 32 })
                               .module("b", "Conv2d", { "input" })
                               .op("flatten", "aten::flatten", { "b" }, { 1, 8, 2, 2 }, { 1, 32 })
                               .build();
        const auto unsafe = notSafeToPrune(graph);
        QCOMPARE(unsafe.size(), size_t(1));
        QCOMPARE(unsafe[0].layer, std::string("a"));
        QCOMPARE(unsafe[0].reshape_op, std::string("view"));
        QCOMPARE(unsafe[0].path, (std::vector<std::string> { "a", "relu", "pool", "view" }));
        QVERIFY(unsafe[0].reason.find("(1, 8, 2, 2) into (1, 32)") != std::string::npos);
    }

    void inputChannelSetsFollowSharedTensors()
    {
        // x feeds a and b directly; a's output feeds c and, through an add with itself,
        // d: {a, b} share x, {c, d} share a's output.
        const auto graph = GraphSketch()
                               .module("a", "Conv2d", { "input" })
                               .module("b", "Conv2d", { "input" })
                               .module("c", "Conv2d", { "a" })
                               .op("add", "aten::add", { "a", "b" })
                               .module("d", "Linear", { "add" })
                               .build();
        QVERIFY(partition(inputChannelDependency(graph)) == (Partition { { "a", "b" }, { "c", "d" } }));
    }
};

QTEST_GUILESS_MAIN(TestDependencyRules)
#include "tst_dependency_rules.moc"
