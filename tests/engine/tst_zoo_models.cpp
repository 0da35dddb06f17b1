// SPDX-License-Identifier: MIT
// Real torchvision models that showed a wrong answer or a slow path (issue 16): detection
// models (scripted only, torchvision's own operators), segmentation heads reading dicts,
// swin's roll, s3d's 3-D pooling, mobilenet_v3's relu, quantized shufflenet, RAFT's
// defaulted argument and loops, maxvit's einsums, mvit_v1_b's int repeat_interleave.
// Expected values come from PyTorch itself (NAME.expected.json, written by
// tests/fixtures/zoo_models.py with forward hooks on the eager model: MACs of every conv
// and linear call, output shapes, weights), from torchvision's published figures, or
// from the architecture (reasoning beside each).
#include "fixtures.h"
#include "prunescope/error.h"
#include "prunescope/model.h"
#include "prunescope/report.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <memory>

using namespace prunescope;
using namespace prunescope::test;

namespace {

struct Loaded {
    Model model;
    AnalysisReport report;
    FlopsResult extended;
};

// Detection models need a real forward: each file is opened once per test run.
const Loaded& open(const std::string& file, const std::string& input)
{
    static std::map<std::string, std::unique_ptr<Loaded>> cache;
    auto& slot = cache[file + "@" + input];
    if (!slot) {
        LoadOptions options;
        options.inputs = parseInputSpecs(input);
        Model model = Model::load(fixture(file), options);
        AnalysisReport report = analyze(model.graph());
        FlopsResult extended = countFlops(model.graph(), FlopsMode::Extended);
        slot = std::make_unique<Loaded>(Loaded { std::move(model), std::move(report), std::move(extended) });
    }
    return *slot;
}

nlohmann::json expected(const std::string& model)
{
    std::ifstream in(fixture(model + ".expected.json"));
    return nlohmann::json::parse(in);
}

std::set<std::string> unsafeLayers(const AnalysisReport& report)
{
    std::set<std::string> layers;
    for (const auto& u : report.unsafe)
        layers.insert(u.layer);
    return layers;
}

// Every conv and linear module PyTorch saw run has, at its first call, the output shape
// PyTorch recorded.
void compareShapes(const OpGraph& graph, const nlohmann::json& reference)
{
    int compared = 0;
    for (const auto& [name, shape] : reference.at("output_shapes").items()) {
        const OpNode* node = graph.findUnique(name);
        QVERIFY2(node, ("no node for " + name).c_str());
        QVERIFY2(!node->outputs.empty(), ("no output for " + name).c_str());
        const GraphValue& out = graph.values[static_cast<size_t>(node->outputs.front())];
        QVERIFY2(out.shape == shape.get<Shape>(), ("shape of " + name).c_str());
        ++compared;
    }
    QVERIFY(compared > 10);
}

bool hasSet(const Partition& sets, const std::set<std::string>& set) { return sets.count(set) != 0; }

} // namespace

class TestZooModels : public QObject {
    Q_OBJECT
private slots:
    void detectionModelsOpenAndAnalyze_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("fpn");
        // The FPN's top-down path adds each lateral 1x1 conv's output to the upsampled
        // sum of the coarser levels, so every lateral conv (inner block) of one FPN is
        // in one channel set. Levels: mobilenet_v3's last two stages; retinanet's
        // resnet50 layer2-4; maskrcnn's layer1-4. SSDlite has no FPN.
        QTest::newRow("fasterrcnn_mobilenet_v3_large_320_fpn")
            << "fasterrcnn_mobilenet_v3_large_320_fpn"
            << QStringList { "backbone.fpn.inner_blocks.0.0", "backbone.fpn.inner_blocks.1.0" };
        QTest::newRow("retinanet_resnet50_fpn")
            << "retinanet_resnet50_fpn"
            << QStringList { "backbone.fpn.inner_blocks.0.0", "backbone.fpn.inner_blocks.1.0",
                   "backbone.fpn.inner_blocks.2.0" };
        QTest::newRow("ssdlite320_mobilenet_v3_large") << "ssdlite320_mobilenet_v3_large" << QStringList {};
        QTest::newRow("maskrcnn_resnet50_fpn")
            << "maskrcnn_resnet50_fpn"
            << QStringList { "backbone.fpn.inner_blocks.0.0", "backbone.fpn.inner_blocks.1.0",
                   "backbone.fpn.inner_blocks.2.0", "backbone.fpn.inner_blocks.3.0" };
    }
    void detectionModelsOpenAndAnalyze()
    {
        QFETCH(QString, model);
        QFETCH(QStringList, fpn);
        const Loaded& l = open(model.toStdString() + "_scripted.pt", "[3,320,320]");
        const nlohmann::json reference = expected(model.toStdString());
        // Their post-processing keeps the boxes above a score threshold (nonzero, nms):
        // values only a real run has, and the report says which op needed them.
        QCOMPARE(l.model.shapeMode(), std::string("real"));
        const QString reason = QString::fromStdString(l.model.metaFallbackReason());
        QVERIFY2(reason.contains("needs the values of its input") || reason.contains("reads a tensor's value"),
            qPrintable(reason));
        QVERIFY2(reason.startsWith("at aten::"), qPrintable(reason));
        // The same boxes as torchvision's own nms and roi_align kept: every conv and
        // linear layer ran on the shapes and as often as in PyTorch.
        compareShapes(l.model.graph(), reference);
        QCOMPARE(l.extended.total, reference.at("total_macs").get<int64_t>());
        QCOMPARE(l.extended.model_params, reference.at("params").get<int64_t>());
        std::set<std::string> lateral;
        for (const auto& name : fpn)
            lateral.insert(name.toStdString());
        if (!lateral.empty()) {
            const Partition sets = partition(l.report.channel.sets);
            QVERIFY2(
                hasSet(sets, lateral) ||
                    [&] {
                        for (const auto& s : sets)
                            if (std::includes(s.begin(), s.end(), lateral.begin(), lateral.end()))
                                return true;
                        return false;
                    }(),
                qPrintable(describe(multiMemberSets(l.report.channel.sets))));
        }
    }

    void segmentationHeadsReadTheirDictEntries()
    {
        // fcn_resnet50: the backbone returns {"out": layer4's output}; classifier.0 reads
        // it, as layer4.1.conv1 and layer4.2.conv1 read the stage's running tensor: the
        // three share their input channels, traced and scripted alike.
        for (const char* file : { "fcn_resnet50_traced.pt", "fcn_resnet50_scripted.pt" }) {
            const Loaded& l = open(file, "1,3,224,224");
            QVERIFY2(hasSet(partition(l.report.input_channel),
                         { "backbone.layer4.1.conv1", "backbone.layer4.2.conv1", "classifier.0" }),
                qPrintable(describe(multiMemberSets(l.report.input_channel))));
            // Shapes on meta, the head's out-of-place relu included.
            QCOMPARE(l.model.shapeMode(), std::string("meta"));
            QVERIFY(l.model.fallbackOps().empty());
            QCOMPARE(l.extended.total, expected("fcn_resnet50").at("total_macs").get<int64_t>());
            compareShapes(l.model.graph(), expected("fcn_resnet50"));
        }
        // lraspp: two entries, "low" (features 4) and "high" (features 16). cbr and scale
        // both read "high"; low_classifier reads "low", which block 5's expansion conv
        // reads too: the entries are not merged.
        for (const char* file : { "lraspp_mobilenet_v3_large_traced.pt", "lraspp_mobilenet_v3_large_scripted.pt" }) {
            const Loaded& l = open(file, "1,3,224,224");
            const Partition sets = partition(l.report.input_channel);
            bool highTogether = false, lowApart = false;
            for (const auto& s : sets) {
                highTogether = highTogether || (s.count("classifier.cbr.0") && s.count("classifier.scale.1"));
                if (s.count("classifier.low_classifier"))
                    lowApart = !s.count("classifier.cbr.0") && s.count("backbone.5.block.0.0");
            }
            QVERIFY2(highTogether && lowApart, qPrintable(describe(multiMemberSets(l.report.input_channel))));
            QCOMPARE(l.extended.total, expected("lraspp_mobilenet_v3_large").at("total_macs").get<int64_t>());
        }
    }

    void swinOnMetaWithRoll()
    {
        // torch.roll has no meta kernel in libtorch 1.13; ours keeps swin on meta.
        // Extended MACs: PyTorch's conv and linear module calls, plus what forward hooks
        // do not see, per block of T tokens of C channels: qkv (C -> 3C) and proj (C -> C)
        // called as F.linear on the modules' weights, 4 T C^2; the attention products
        // q k^T and attn v in 7x7 windows, 2 T 49 C. Stages: 56^2 tokens x 96 (2
        // blocks), 28^2 x 192 (2), 14^2 x 384 (6), 7^2 x 768 (2).
        const int64_t projections
            = 4 * (3136LL * 96 * 96 * 2 + 784LL * 192 * 192 * 2 + 196LL * 384 * 384 * 6 + 49LL * 768 * 768 * 2);
        const int64_t attention = 2LL * 49 * (3136LL * 96 * 2 + 784LL * 192 * 2 + 196LL * 384 * 6 + 49LL * 768 * 2);
        for (const char* file : { "swin_t_traced.pt", "swin_t_scripted.pt" }) {
            const Loaded& l = open(file, "1,3,224,224");
            QCOMPARE(l.model.shapeMode(), std::string("meta"));
            QVERIFY(l.model.fallbackOps().empty());
            QCOMPARE(l.extended.total, expected("swin_t").at("total_macs").get<int64_t>() + projections + attention);
            // torchvision's published figure: 4.491 GFLOPS (MACs).
            QVERIFY(std::abs(static_cast<double>(l.extended.total) / 1e9 - 4.491) / 4.491 < 0.005);
        }
    }

    void videoModelOnMetaAndItsOwnExampleInput()
    {
        for (const char* file : { "s3d_traced.pt", "s3d_scripted.pt" }) {
            const Loaded& l = open(file, "1,3,16,224,224");
            QCOMPARE(l.model.shapeMode(), std::string("meta")); // 3-D max pooling has our kernel
            QVERIFY(l.model.fallbackOps().empty());
            QCOMPARE(l.extended.total, expected("s3d").at("total_macs").get<int64_t>());
            // torchvision's published figure for 16 frames of 224x224: 17.979 GFLOPS (MACs).
            QVERIFY(std::abs(static_cast<double>(l.extended.total) / 1e9 - 17.979) / 17.979 < 0.005);
            compareShapes(l.model.graph(), expected("s3d"));
            // Every layer of s3d is a Conv3d (its classifier too), which NNI's Filter prune
            // type does not tie (Conv2d, Linear, ConvTranspose2d): no set of either kind,
            // no group constraint.
            QVERIFY(l.report.channel.sets.empty());
            QVERIFY(l.report.input_channel.empty());
            QVERIFY(l.report.groups.empty());
        }
        // Given an image, a Conv3d model asks for a clip: its first layer is a Conv3d on 3
        // channels.
        try {
            Model::load(fixture("s3d_scripted.pt"));
            QFAIL("a 4-D input was accepted by a Conv3d model");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("--input 1,3,16,224,224"), e.what());
        }
    }

    void groupNormOnMeta()
    {
        // conv (3->8) -> GroupNorm(4, 8) -> relu -> conv (8->4) on 8x8: GroupNorm keeps
        // its input's shape. Its meta kernel is ours (the composite form failed on meta,
        // as FCOS's and RetinaNet v2's GroupNorm heads did), so no op runs on CPU zeros.
        for (const char* file : { "strict_group_norm_traced.pt", "strict_group_norm_scripted.pt" }) {
            const Loaded& l = open(file, "1,3,8,8");
            QCOMPARE(l.model.shapeMode(), std::string("meta"));
            QVERIFY(l.model.fallbackOps().empty());
            const OpNode* norm = l.model.graph().findUnique("gn");
            QVERIFY(norm && !norm->outputs.empty());
            QCOMPARE(l.model.graph().values[static_cast<size_t>(norm->outputs.front())].shape, Shape({ 1, 8, 8, 8 }));
        }
    }

    void repeatInterleaveWithAnIntCountOnMeta()
    {
        // MViT v1's positional encoding in small: repeat_interleave(temporal [3, 4], 4,
        // dim=0) is [12, 4], the spatial table repeated per frame is [12, 4] too, added to
        // the 1x12x4 input, then fc (4 -> 5): [1, 12, 5], 12 tokens x 4 x 5 = 240 MACs.
        // Scripted passes the count as an int (our meta kernel); traced, as a tensor made
        // from a size (repeat_interleave.Tensor on a real scalar). Neither runs on real
        // tensors, as scripted mvit_v1_b had to.
        for (const char* file : { "repeat_interleave_int_traced.pt", "repeat_interleave_int_scripted.pt" }) {
            const Loaded& l = open(file, "1,12,4");
            QCOMPARE(l.model.shapeMode(), std::string("meta"));
            QVERIFY(l.model.fallbackOps().empty());
            const OpNode* fc = l.model.graph().findUnique("fc");
            QVERIFY(fc && !fc->outputs.empty());
            QCOMPARE(l.model.graph().values[static_cast<size_t>(fc->outputs.front())].shape, Shape({ 1, 12, 5 }));
            QCOMPARE(l.extended.total, int64_t(240));
        }
    }

    void mobilenetV3OnMeta()
    {
        // Derived from the block table: features.1 (16->16, stride 1) adds its input,
        // the stem's output; features.3 (24->24) adds features.2's output; features.4's
        // squeeze-excite multiplies its depthwise conv's output by fc2's.
        for (const char* file : { "mobilenet_v3_large_traced.pt", "mobilenet_v3_large_scripted.pt" }) {
            const Loaded& l = open(file, "1,3,224,224");
            QCOMPARE(l.model.shapeMode(), std::string("meta"));
            QVERIFY(l.model.fallbackOps().empty());
            const Partition sets = multiMemberSets(l.report.channel.sets);
            QVERIFY2(hasSet(sets, { "features.0.0", "features.1.block.1.0" }), qPrintable(describe(sets)));
            QVERIFY2(hasSet(sets, { "features.2.block.2.0", "features.3.block.2.0" }), qPrintable(describe(sets)));
            QVERIFY2(hasSet(sets, { "features.4.block.1.0", "features.4.block.2.fc2" }), qPrintable(describe(sets)));
            QCOMPARE(l.extended.total, expected("mobilenet_v3_large").at("total_macs").get<int64_t>());
            QVERIFY(std::abs(static_cast<double>(l.extended.total) / 1e9 - 0.217) / 0.217 < 0.005);
        }
    }

    void quantizedModelsAreCounted()
    {
        // shufflenet_v2_x0_5 int8: 16 blocks, each with one plain Conv2d (the depthwise
        // branch2.3; the 1x1 convs are fused ConvReLU2d), plus branch1.0 in the three
        // stride-2 blocks: 19 Conv2d layers, each reaching its block's channel-shuffle
        // view through the cat, traced and scripted (FloatFunctional's cat kept the
        // scripted edges).
        const nlohmann::json reference = expected("quantized_shufflenet_v2_x0_5");
        for (const char* file :
            { "quantized_shufflenet_v2_x0_5_traced.pt", "quantized_shufflenet_v2_x0_5_scripted.pt" }) {
            const Loaded& l = open(file, "1,3,224,224");
            QCOMPARE(l.report.unsafe.size(), size_t(19));
            // Never a silent 0: the int8 layers count as the float layers they compute.
            QCOMPARE(l.extended.total, reference.at("total_macs").get<int64_t>());
            QCOMPARE(l.report.flops.total, reference.at("total_macs").get<int64_t>());
            QCOMPARE(l.extended.model_params, reference.at("layer_params").get<int64_t>());
            QCOMPARE(l.model.shapeMode(), std::string("real")); // no meta form of quantized tensors
        }
    }

    void raftDefaultArgumentAndLoops()
    {
        // forward(image1, image2, num_flow_updates=12): the third argument is filled from
        // the schema. MACs: PyTorch's conv calls (12 updates) plus the correlation volume,
        // (16x16 positions)^2 x 128 channels at 1/8 of 128x128.
        const int64_t correlation = 256LL * 256 * 128;
        for (const char* file : { "raft_small_traced.pt", "raft_small_scripted.pt" }) {
            const Loaded& l = open(file, "1,3,128,128;1,3,128,128");
            QCOMPARE(l.model.shapeMode(), std::string("meta"));
            QCOMPARE(l.extended.total, expected("raft_small").at("total_macs").get<int64_t>() + correlation);
        }
    }

    void maxvitCountsEinsum()
    {
        // maxvit_t's 44 attention einsums were uncounted: 5.381 G against torchvision's
        // published 5.558.
        const Loaded& l = open("maxvit_t_traced.pt", "1,3,224,224");
        QVERIFY2(std::abs(static_cast<double>(l.extended.total) / 1e9 - 5.558) / 5.558 < 0.005,
            qPrintable(QString::number(static_cast<double>(l.extended.total) / 1e9)));
        for (const auto& u : l.extended.uncounted)
            QVERIFY2(u.type != "aten::einsum", "einsum uncounted");
    }

    void scriptedEqualsTraced_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("input");
        for (const char* model : { "fcn_resnet50", "lraspp_mobilenet_v3_large", "swin_t", "mobilenet_v3_large",
                 "quantized_shufflenet_v2_x0_5" })
            QTest::newRow(model) << model << "1,3,224,224";
        QTest::newRow("s3d") << "s3d"
                             << "1,3,16,224,224";
        QTest::newRow("raft_small") << "raft_small"
                                    << "1,3,128,128;1,3,128,128";
    }
    void scriptedEqualsTraced()
    {
        QFETCH(QString, model);
        QFETCH(QString, input);
        const Loaded& t = open(model.toStdString() + "_traced.pt", input.toStdString());
        const Loaded& s = open(model.toStdString() + "_scripted.pt", input.toStdString());
        QCOMPARE(describe(partition(s.report.channel.sets)), describe(partition(t.report.channel.sets)));
        QCOMPARE(describe(partition(s.report.input_channel)), describe(partition(t.report.input_channel)));
        QCOMPARE(unsafeLayers(s.report), unsafeLayers(t.report));
        QCOMPARE(s.report.groups.size(), t.report.groups.size());
        QCOMPARE(s.extended.total, t.extended.total);
        QCOMPARE(s.report.flops.total, t.report.flops.total);
    }

    void anOpWithoutMetaKernelRunsAloneOnZeros()
    {
        // conv1 -> cummax (no meta kernel in libtorch 1.13) -> conv2 on 1x3x8x8: the model
        // stays on meta, cummax runs once on CPU zeros and hands on its shape.
        for (const char* file : { "uses_cummax_traced.pt", "uses_cummax_scripted.pt" }) {
            const Loaded& l = open(file, "1,3,8,8");
            QCOMPARE(l.model.shapeMode(), std::string("meta"));
            QCOMPARE(l.model.fallbackOps().size(), size_t(1));
            QCOMPARE(l.model.fallbackOps()[0].op, std::string("aten::_cummax_helper"));
            QCOMPARE(l.model.fallbackOps()[0].calls, 1);
            const OpNode* conv2 = l.model.graph().findUnique("conv2");
            QVERIFY(conv2);
            QCOMPARE(l.model.graph().values[static_cast<size_t>(conv2->outputs.front())].shape, (Shape { 1, 6, 8, 8 }));
        }
        // 1x3x16384x16384: conv1's output, cummax's input, is 4 x 16384^2 floats, 4 GiB as
        // real tensors (and its two outputs as much again): refused by name, not run.
        try {
            LoadOptions options;
            options.inputs = parseInputSpecs("1,3,16384,16384");
            Model::load(fixture("uses_cummax_scripted.pt"), options);
            QFAIL("loaded");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::BadInput);
            QVERIFY2(QString(e.what()).contains("aten::_cummax_helper has no meta kernel and its inputs would take"),
                e.what());
            QVERIFY2(QString(e.what()).contains("MiB allowed"), e.what());
        }
    }

    void missingOperatorsAndUnreadableFilesAreNamed()
    {
        // An operator of torchvision's library that no torchvision model uses.
        try {
            Model::load(fixture("uses_ps_roi_align_scripted.pt"));
            QFAIL("loaded");
        } catch (const Error& e) {
            const QString message = e.what();
            QCOMPARE(e.kind(), ErrorKind::BadModel);
            QVERIFY2(message.contains("torchvision::ps_roi_align") && message.contains("torchvision's own C++ library"),
                e.what());
            QVERIFY2(!message.contains("newer PyTorch"), e.what());
        }
        // A file PyTorch 1.13 wrote and cannot read back either (a float scale printed
        // as an integer): the first line of libtorch's message, and the plain fact.
        try {
            LoadOptions options;
            options.inputs = parseInputSpecs("1,4");
            Model::load(fixture("pytorch_cannot_read_traced.pt"), options);
            QFAIL("loaded");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("quantized::linear: Expected a value of type 'float' for argument 'Y_scale_i'"),
                e.what());
            QVERIFY2(message.contains("PyTorch 1.13's own torch.jit.load"), e.what());
            QVERIFY2(!message.contains("newer PyTorch"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestZooModels)
#include "tst_zoo_models.moc"
