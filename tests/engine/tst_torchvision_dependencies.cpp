// SPDX-License-Identifier: MIT
// Channel, input-channel and group dependencies and not_safe_to_prune on real
// torchvision models exported by fixtures/make_fixtures.py. Expected values come from
// the seed text (resnet18's table), from NNI v2.9's own unit test
// (test/algo/compression/v1/test_compression_utils.py, channel_dependency_ground_truth),
// or from reading the architecture (the reasoning is written next to each).
#include "fixtures.h"
#include "prunescope/model.h"
#include "prunescope/report.h"

#include <QtTest>

using namespace prunescope;
using namespace prunescope::test;

Q_DECLARE_METATYPE(prunescope::test::Partition)

namespace {

Partition stageSets(const std::string& layer, int blocks, const std::string& last, bool downsample,
    const std::vector<std::string>& extra = {})
{
    // A ResNet stage: every block's last conv adds into the same running tensor, and so
    // does block 0's downsample conv (or whatever fed block 0).
    std::set<std::string> set(extra.begin(), extra.end());
    for (int i = 0; i < blocks; ++i)
        set.insert(layer + "." + std::to_string(i) + "." + last);
    if (downsample)
        set.insert(layer + ".0.downsample.0");
    return { set };
}

Partition merge(std::initializer_list<Partition> parts)
{
    Partition all;
    for (const auto& p : parts)
        all.insert(p.begin(), p.end());
    return all;
}

struct Loaded {
    Model model;
    AnalysisReport report;
};

Loaded load(const std::string& file)
{
    Model model = Model::load(fixture(file));
    AnalysisReport report = analyze(model.graph());
    return { std::move(model), std::move(report) };
}

std::set<std::string> unsafeLayers(const AnalysisReport& report)
{
    std::set<std::string> layers;
    for (const auto& u : report.unsafe)
        layers.insert(u.layer);
    return layers;
}

} // namespace

class TestTorchvisionDependencies : public QObject {
    Q_OBJECT
private slots:
    void resnet18MatchesTheSeedTable_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("traced") << "resnet18_traced.pt";
        QTest::newRow("scripted") << "resnet18_scripted.pt";
    }

    void resnet18MatchesTheSeedTable()
    {
        QFETCH(QString, file);
        const auto loaded = load(file.toStdString());
        // The seed's 12 rows, in its order, plus fc: NNI v2.x counts Linear as a
        // Filter-prunable layer.
        const std::vector<std::set<std::string>> expected { { "layer1.1.conv2", "layer1.0.conv2", "conv1" },
            { "layer1.0.conv1" }, { "layer1.1.conv1" }, { "layer2.0.conv1" },
            { "layer2.1.conv2", "layer2.0.conv2", "layer2.0.downsample.0" }, { "layer2.1.conv1" }, { "layer3.0.conv1" },
            { "layer3.0.downsample.0", "layer3.1.conv2", "layer3.0.conv2" }, { "layer3.1.conv1" }, { "layer4.0.conv1" },
            { "layer4.0.downsample.0", "layer4.1.conv2", "layer4.0.conv2" }, { "layer4.1.conv1" }, { "fc" } };
        const auto& sets = loaded.report.channel.sets;
        QCOMPARE(sets.size(), expected.size());
        for (size_t i = 0; i < sets.size(); ++i)
            QCOMPARE(std::set<std::string>(sets[i].begin(), sets[i].end()), expected[i]);
        const std::string csv = dependencyCsv(loaded.report.channel);
        QVERIFY(csv.rfind("Dependency Set,Convolutional Layers\nSet 1,conv1,layer1.0.conv2,layer1.1.conv2\n", 0) == 0);
        QVERIFY(csv.find("\nSet 13,fc\n") != std::string::npos);
        // Each tie is the block's residual add.
        QCOMPARE(loaded.report.channel.tied_by[0],
            (std::vector<std::string> { "layer1.0.aten::add_", "layer1.1.aten::add_" }));
        QVERIFY(loaded.report.unsafe.empty()); // torchvision's ResNet uses torch.flatten, not view
    }

    void multiMemberSetsMatchNniGroundTruth_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Partition>("expected");
        // NNI v2.9's channel_dependency_ground_truth, converted to sets.
        const Partition resnet18 { { "layer1.0.conv2", "layer1.1.conv2", "conv1" },
            { "layer2.1.conv2", "layer2.0.conv2", "layer2.0.downsample.0" },
            { "layer3.0.downsample.0", "layer3.1.conv2", "layer3.0.conv2" },
            { "layer4.0.downsample.0", "layer4.1.conv2", "layer4.0.conv2" } };
        const Partition resnet34 { { "conv1", "layer1.2.conv2", "layer1.1.conv2", "layer1.0.conv2" },
            { "layer2.3.conv2", "layer2.0.conv2", "layer2.0.downsample.0", "layer2.1.conv2", "layer2.2.conv2" },
            { "layer3.3.conv2", "layer3.0.conv2", "layer3.4.conv2", "layer3.0.downsample.0", "layer3.5.conv2",
                "layer3.1.conv2", "layer3.2.conv2" },
            { "layer4.0.downsample.0", "layer4.1.conv2", "layer4.2.conv2", "layer4.0.conv2" } };
        const Partition mobilenetV2 { { "features.3.conv.2", "features.2.conv.2" },
            { "features.6.conv.2", "features.4.conv.2", "features.5.conv.2" },
            { "features.8.conv.2", "features.7.conv.2", "features.10.conv.2", "features.9.conv.2" },
            { "features.11.conv.2", "features.13.conv.2", "features.12.conv.2" },
            { "features.14.conv.2", "features.16.conv.2", "features.15.conv.2" } };
        const Partition wideResnet50 { { "layer1.2.conv3", "layer1.1.conv3", "layer1.0.conv3",
                                           "layer1.0.downsample.0" },
            { "layer2.1.conv3", "layer2.0.conv3", "layer2.0.downsample.0", "layer2.2.conv3", "layer2.3.conv3" },
            { "layer3.3.conv3", "layer3.0.conv3", "layer3.2.conv3", "layer3.0.downsample.0", "layer3.1.conv3",
                "layer3.4.conv3", "layer3.5.conv3" },
            { "layer4.1.conv3", "layer4.2.conv3", "layer4.0.downsample.0", "layer4.0.conv3" } };
        for (const char* variant : { "traced", "scripted" }) {
            auto row = [&](const char* model, const Partition& p) {
                const QString file = QString("%1_%2.pt").arg(model, variant);
                QTest::newRow(qPrintable(file)) << file << p;
            };
            row("resnet18", resnet18);
            row("resnet34", resnet34);
            row("mobilenet_v2", mobilenetV2);
            row("wide_resnet50_2", wideResnet50);
            row("alexnet", {});
            row("vgg11_bn", {});
            row("squeezenet1_1", {});
            row("googlenet", {});
        }
    }

    void multiMemberSetsMatchNniGroundTruth()
    {
        QFETCH(QString, file);
        QFETCH(Partition, expected);
        const auto loaded = load(file.toStdString());
        const Partition got = multiMemberSets(loaded.report.channel.sets);
        QVERIFY2(got == expected, qPrintable("got " + describe(got) + "\nexpected " + describe(expected)));
    }

    void handDerivedSets_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Partition>("expected");
        // resnet50: bottleneck stages of 3, 4, 6, 3 blocks; block 0 of every stage has a
        // downsample (64 -> 256 channels in stage 1 too), so conv1 is not tied.
        const Partition resnet50 = merge({ stageSets("layer1", 3, "conv3", true), stageSets("layer2", 4, "conv3", true),
            stageSets("layer3", 6, "conv3", true), stageSets("layer4", 3, "conv3", true) });
        // densenet121 only concatenates (on dim 1), and v2.9 never ties through cat.
        // shufflenet_v2 concatenates and shuffles channels; it has no add.
        for (const char* variant : { "traced", "scripted" }) {
            auto row = [&](const char* model, const Partition& p) {
                const QString file = QString("%1_%2.pt").arg(model, variant);
                QTest::newRow(qPrintable(file)) << file << p;
            };
            row("resnet50", resnet50);
            row("densenet121", {});
            row("shufflenet_v2_x1_0", {});
        }
    }

    void handDerivedSets()
    {
        QFETCH(QString, file);
        QFETCH(Partition, expected);
        const auto loaded = load(file.toStdString());
        const Partition got = multiMemberSets(loaded.report.channel.sets);
        QVERIFY2(got == expected, qPrintable("got " + describe(got) + "\nexpected " + describe(expected)));
        // Every prunable layer is in exactly one set.
        size_t members = 0, prunable = 0;
        std::set<std::string> seen;
        for (const auto& s : loaded.report.channel.sets)
            members += s.size();
        for (const auto& node : loaded.model.graph().nodes)
            if ((node.op_type == "Conv2d" || node.op_type == "Linear") && seen.insert(node.name).second)
                ++prunable;
        QCOMPARE(members, prunable);
    }

    void shufflenetViewsMakeBranchOutputsUnsafe()
    {
        // channel_shuffle views every block's concatenated output. From a view the
        // search goes up through the cat to the last conv of each branch (branch2.5,
        // and branch1.2 in the first, strided block of a stage) and, through the
        // pass-through half of chunk(), to the previous block's shuffle and so on.
        // Stages 2, 3, 4 have 4, 8, 4 blocks: 16 branch2.5 convs + 3 branch1.2 convs.
        std::set<std::string> expected;
        const std::vector<std::pair<std::string, int>> stages { { "stage2", 4 }, { "stage3", 8 }, { "stage4", 4 } };
        for (const auto& [stage, blocks] : stages) {
            expected.insert(stage + ".0.branch1.2");
            for (int i = 0; i < blocks; ++i)
                expected.insert(stage + "." + std::to_string(i) + ".branch2.5");
        }
        for (const char* file : { "shufflenet_v2_x1_0_traced.pt", "shufflenet_v2_x1_0_scripted.pt" }) {
            const auto loaded = load(file);
            QCOMPARE(unsafeLayers(loaded.report), expected);
            for (const auto& u : loaded.report.unsafe) {
                QVERIFY(!u.reason.empty());
                QCOMPARE(u.path.front(), u.layer);
                QVERIFY(u.reshape_op.find("aten::view") != std::string::npos);
            }
        }
    }

    void resnet18InputChannelSets()
    {
        // A tensor read by several layers (through BN/ReLU/add, which keep channels)
        // ties their input channels: the stem output feeds layer1's first convs and,
        // through layer1's adds, layer2.0's conv1 and downsample; the last block's
        // output reaches fc through avgpool and flatten (512 channels kept).
        const Partition expectedMulti { { "layer1.0.conv1", "layer1.1.conv1", "layer2.0.conv1",
                                            "layer2.0.downsample.0" },
            { "layer2.1.conv1", "layer3.0.conv1", "layer3.0.downsample.0" },
            { "layer3.1.conv1", "layer4.0.conv1", "layer4.0.downsample.0" }, { "layer4.1.conv1", "fc" } };
        for (const char* file : { "resnet18_traced.pt", "resnet18_scripted.pt" }) {
            const auto loaded = load(file);
            QCOMPARE(multiMemberSets(loaded.report.input_channel), expectedMulti);
        }
    }

    void depthwiseConvsAddNoGroupConstraint()
    {
        // mobilenet_v2's grouped convs are all depthwise (groups == channels), which v2.9
        // counts as 1.
        const auto loaded = load("mobilenet_v2_traced.pt");
        QVERIFY(!loaded.report.groups.empty());
        for (const auto& g : loaded.report.groups) {
            QCOMPARE(g.max_groups, int64_t(1));
            QCOMPARE(g.min_groups, int64_t(1));
        }
    }

    void scriptedEqualsTraced_data()
    {
        QTest::addColumn<QString>("model");
        for (const char* m : { "resnet18", "resnet50", "mobilenet_v2", "densenet121", "googlenet", "shufflenet_v2_x1_0",
                 "squeezenet1_1", "vgg11_bn" })
            QTest::newRow(m) << m;
    }

    void scriptedEqualsTraced()
    {
        QFETCH(QString, model);
        const auto traced = load(model.toStdString() + "_traced.pt");
        const auto scripted = load(model.toStdString() + "_scripted.pt");
        QCOMPARE(scripted.report.channel.sets, traced.report.channel.sets);
        QCOMPARE(scripted.report.input_channel, traced.report.input_channel);
        QCOMPARE(unsafeLayers(scripted.report), unsafeLayers(traced.report));
        QCOMPARE(scripted.report.groups.size(), traced.report.groups.size());
        for (size_t i = 0; i < traced.report.groups.size(); ++i) {
            QCOMPARE(scripted.report.groups[i].layer, traced.report.groups[i].layer);
            QCOMPARE(scripted.report.groups[i].max_groups, traced.report.groups[i].max_groups);
        }
        // The same module calls, with the same output shapes.
        std::vector<std::pair<std::string, Shape>> a, b;
        auto calls = [](const Model& m, std::vector<std::pair<std::string, Shape>>& out) {
            for (const auto& node : m.graph().nodes)
                if (node.isModule())
                    out.emplace_back(node.unique_name,
                        node.outputs.empty() ? Shape {} : m.graph().values[static_cast<size_t>(node.outputs[0])].shape);
        };
        calls(traced.model, a);
        calls(scripted.model, b);
        QCOMPARE(b, a);
    }
};

QTEST_GUILESS_MAIN(TestTorchvisionDependencies)
#include "tst_torchvision_dependencies.moc"
