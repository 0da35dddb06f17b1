// SPDX-License-Identifier: MIT
// FLOPs and parameter counts. Expected numbers: NNI v2.9's own FlopsCounterTest
// assertions, the seed's two-conv example, and counts worked out by hand from the
// formulas in nni/compression/pytorch/utils/counter.py (written out next to each).
#include "fixtures.h"
#include "graph_sketch.h"
#include "prunescope/flops.h"
#include "prunescope/model.h"

#include <QtTest>

#include <cmath>

using namespace prunescope;
using namespace prunescope::test;

namespace {

Model open(const std::string& file, const std::string& input)
{
    LoadOptions options;
    options.inputs = parseInputSpecs(input);
    return Model::load(fixture(file), options);
}

const LayerFlops& layer(const FlopsResult& result, const std::string& name, int call = 1)
{
    for (const auto& l : result.layers)
        if (l.name == name && l.call == call)
            return l;
    qFatal("no layer %s call %d", name.c_str(), call);
}

// NNI's conv count: filters x output positions x kernel x input channels / groups.
int64_t conv(int64_t cout, int64_t hw, int64_t k, int64_t cin) { return cout * hw * hw * k * k * cin; }

MaskSet keepFilters(const OpGraph& graph, const std::string& layerName, const std::vector<int>& keep)
{
    const ModuleInfo* module = graph.module(layerName);
    Shape weight;
    bool bias = false;
    for (const auto& p : module->params) {
        if (p.name == "weight")
            weight = p.shape;
        bias = bias || p.name == "bias";
    }
    std::vector<bool> kept(static_cast<size_t>(weight[0]), false);
    for (int k : keep)
        kept[static_cast<size_t>(k)] = true;
    return { { layerName, LayerMask::keepChannels(weight, kept, bias) } };
}

} // namespace

class TestFlops : public QObject {
    Q_OBJECT
private slots:
    void seedTwoConvExample_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("traced") << "seed_two_conv_traced.pt";
        QTest::newRow("scripted") << "seed_two_conv_scripted.pt";
    }
    void seedTwoConvExample()
    {
        // The seed: Conv2d(3,5,1) on 1x3x2x2 gives flops 60, params 20; Conv2d(5,5,1)
        // after it gives 100 and 30.
        QFETCH(QString, file);
        const Model model = open(file.toStdString(), "1,3,2,2");
        const FlopsResult r = countFlops(model.graph(), FlopsMode::Default);
        QCOMPARE(r.layers.size(), size_t(2));
        QCOMPARE(layer(r, "conv").flops, int64_t(60));
        QCOMPARE(layer(r, "conv").params, int64_t(20));
        QCOMPARE(layer(r, "conv").weight_shape, (Shape { 5, 3, 1, 1 }));
        QCOMPARE(layer(r, "conv").input_shape, (Shape { 1, 3, 2, 2 }));
        QCOMPARE(layer(r, "conv").output_shape, (Shape { 1, 5, 2, 2 }));
        QCOMPARE(layer(r, "conv2").flops, int64_t(100));
        QCOMPARE(layer(r, "conv2").params, int64_t(30));
        QCOMPARE(r.total, int64_t(160));
        QCOMPARE(r.params, int64_t(50));
    }

    void nniFlopsCounterTest_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("mode");
        QTest::addColumn<qlonglong>("flops");
        QTest::addColumn<qlonglong>("params");
        // NNI v2.9 test_compression_utils.py FlopsCounterTest, batch sizes 1 and 2.
        const int full = static_cast<int>(FlopsMode::Full), def = static_cast<int>(FlopsMode::Default);
        QTest::newRow("Model1 full bs1") << "nni_model1_traced.pt"
                                         << "1,3,2,2" << full << 610LL << 240LL;
        QTest::newRow("Model1 full bs2") << "nni_model1_bs2_traced.pt"
                                         << "2,3,2,2" << full << 610LL << 240LL;
        QTest::newRow("Model1 full scripted") << "nni_model1_scripted.pt"
                                              << "1,3,2,2" << full << 610LL << 240LL;
        QTest::newRow("Model2 default bs1") << "nni_model2_traced.pt"
                                            << "1,3,2,2" << def << 560LL << 50LL;
        QTest::newRow("Model2 default bs2") << "nni_model2_bs2_traced.pt"
                                            << "2,3,2,2" << def << 560LL << 50LL;
        QTest::newRow("Model2 default scripted") << "nni_model2_scripted.pt"
                                                 << "2,3,2,2" << def << 560LL << 50LL;
        QTest::newRow("resnet50 bs1") << "resnet50_traced.pt"
                                      << "1,3,224,224" << def << 4089184256LL << 25503912LL;
        QTest::newRow("resnet50 bs2") << "resnet50_traced.pt"
                                      << "2,3,224,224" << def << 4089184256LL << 25503912LL;
        QTest::newRow("resnet50 scripted") << "resnet50_scripted.pt"
                                           << "2,3,224,224" << def << 4089184256LL << 25503912LL;
    }
    void nniFlopsCounterTest()
    {
        QFETCH(QString, file);
        QFETCH(QString, input);
        QFETCH(int, mode);
        QFETCH(qlonglong, flops);
        QFETCH(qlonglong, params);
        const Model model = open(file.toStdString(), input.toStdString());
        const FlopsResult r = countFlops(model.graph(), static_cast<FlopsMode>(mode));
        QCOMPARE(r.total, int64_t(flops));
        QCOMPARE(r.params, int64_t(params));
    }

    void moduleCalledInALoopCountsEachCall()
    {
        // Model2: conv once, then conv2 five times: 60 + 5 x 100; conv2's params once.
        for (const char* file : { "nni_model2_traced.pt", "nni_model2_scripted.pt" }) {
            const FlopsResult r = countFlops(open(file, "1,3,2,2").graph(), FlopsMode::Default);
            QCOMPARE(r.layers.size(), size_t(6));
            QVERIFY(r.hasMultiUse());
            for (int call = 1; call <= 5; ++call)
                QCOMPARE(layer(r, "conv2", call).flops, int64_t(100));
        }
    }

    void fullModeByHand()
    {
        // flops_full_mix on 1x3x4x4, NNI's full-mode formulas:
        //   conv 3->4 k3: 4 x 16 x 9 x 3 = 1728, + bias 4 x 16 = 1792; params 108 + 4 = 112
        //   bn(4): 2 x (4x4x4) = 128; params 8
        //   LeakyReLU: 4x4x4 = 64
        //   Upsample nearest (x2): 0 (NNI counts no ops for nearest)
        //   AdaptiveAvgPool2d(2) on 8x8: kernel 4x4 = 16 adds + 1 div, x (4x2x2) = 272
        //   fc 16->3: 48 + bias 3 = 51; params 51
        for (const char* file : { "flops_full_mix_traced.pt", "flops_full_mix_scripted.pt" }) {
            const FlopsResult r = countFlops(open(file, "1,3,4,4").graph(), FlopsMode::Full);
            QCOMPARE(layer(r, "conv").flops, int64_t(1792));
            QCOMPARE(layer(r, "conv").params, int64_t(112));
            QCOMPARE(layer(r, "bn").flops, int64_t(128));
            QCOMPARE(layer(r, "act").flops, int64_t(64));
            QCOMPARE(layer(r, "up").flops, int64_t(0));
            QCOMPARE(layer(r, "pool").flops, int64_t(272));
            QCOMPARE(layer(r, "fc").flops, int64_t(51));
            QCOMPARE(r.total, int64_t(2307));
            QCOMPARE(r.params, int64_t(171));
            // Default mode keeps conv (without bias) and fc only: 1728 + 48.
            const FlopsResult d = countFlops(open(file, "1,3,4,4").graph(), FlopsMode::Default);
            QCOMPARE(d.total, int64_t(1776));
            QVERIFY(d.uncounted.empty()); // BN is left out by design in default mode
        }
    }

    void recurrentLayersByHand()
    {
        // NNI's cell: h(in + h) + h = 16 x 24 + 16 = 400 (+ 2h = 432 with bias in full).
        // LSTM: 4 x cell + 3h + h; GRU: 3 x cell + h + 3h; times 5 steps (batch_first).
        //   default: LSTM (1600 + 64) x 5 = 8320, GRU (1200 + 64) x 5 = 6320
        //   full:    LSTM (1728 + 64) x 5 = 8960, GRU (1296 + 64) x 5 = 6800
        // params: LSTM 4x16x8 + 4x16x16 + 2x64 = 1664; GRU 3x16x8 + 3x16x16 + 2x48 = 1248
        for (const char* file : { "rnn_cells_traced.pt", "rnn_cells_scripted.pt" }) {
            const Model model = open(file, "1,5,8");
            const FlopsResult d = countFlops(model.graph(), FlopsMode::Default);
            QCOMPARE(layer(d, "lstm").flops, int64_t(8320));
            QCOMPARE(layer(d, "gru").flops, int64_t(6320));
            QCOMPARE(layer(d, "lstm").params, int64_t(1664));
            QCOMPARE(layer(d, "gru").params, int64_t(1248));
            QCOMPARE(layer(d, "lstm").output_shape, (Shape { 1, 5, 16 }));
            const FlopsResult f = countFlops(model.graph(), FlopsMode::Full);
            QCOMPARE(layer(f, "lstm").flops, int64_t(8960));
            QCOMPARE(layer(f, "gru").flops, int64_t(6800));
        }
    }

    void resnet18FromItsShapes()
    {
        // Each conv: filters x positions x kernel x input channels.
        const int64_t stem = conv(64, 112, 7, 3);
        const int64_t stage1 = 4 * conv(64, 56, 3, 64);
        auto stage = [](int64_t c, int64_t hw) {
            // conv1 (stride 2) from c/2, three c->c convs, a 1x1 downsample from c/2
            return conv(c, hw, 3, c / 2) + 3 * conv(c, hw, 3, c) + conv(c, hw, 1, c / 2);
        };
        const int64_t expected = stem + stage1 + stage(128, 28) + stage(256, 14) + stage(512, 7) + 512 * 1000;
        const Model model = open("resnet18_traced.pt", "1,3,224,224");
        const FlopsResult r = countFlops(model.graph(), FlopsMode::Default);
        QCOMPARE(r.total, expected);
        QCOMPARE(r.model_params, int64_t(11689512)); // torchvision's published figure
        // Default mode leaves out BatchNorm's parameters: 9600 of them in resnet18.
        QCOMPARE(r.params, int64_t(11689512 - 9600));
    }

    void batchSizeDoesNotChangeTotals()
    {
        const Model one = open("resnet18_traced.pt", "1,3,224,224");
        const Model two = open("resnet18_traced.pt", "2,3,224,224");
        for (FlopsMode mode : { FlopsMode::Default, FlopsMode::Full, FlopsMode::Extended })
            QCOMPARE(countFlops(two.graph(), mode).total, countFlops(one.graph(), mode).total);
        QCOMPARE(countFlops(two.graph(), FlopsMode::Extended).batch_size, int64_t(2));
    }

    void extendedMatchesTorchvision_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<double>("gflops");
        // torchvision's published per-model figures (weights metadata `_ops`, MAC-based).
        QTest::newRow("resnet50") << "resnet50" << 4.089;
        QTest::newRow("mobilenet_v2") << "mobilenet_v2" << 0.301;
        QTest::newRow("densenet121") << "densenet121" << 2.834;
        QTest::newRow("vit_b_16") << "vit_b_16" << 17.564;
        QTest::newRow("convnext_tiny") << "convnext_tiny" << 4.456;
    }
    void extendedMatchesTorchvision()
    {
        QFETCH(QString, model);
        QFETCH(double, gflops);
        const FlopsResult r
            = countFlops(open(model.toStdString() + "_traced.pt", "1,3,224,224").graph(), FlopsMode::Extended);
        const double got = static_cast<double>(r.total) / 1e9;
        QVERIFY2(std::abs(got - gflops) / gflops < 0.005, qPrintable(QString("%1 GMAC vs %2").arg(got).arg(gflops)));
    }

    void extendedCountsAttentionExactly()
    {
        // vit_b_16, 197 tokens of 768, 12 layers, 12 heads of 64, MLP 3072:
        //   patch conv 768 x 196 x (3 x 16 x 16); per layer: qkv 197x768x2304, scores and
        //   weighted sum 2 x 12x197x197x64, out proj 197x768x768, MLP 2 x 197x768x3072;
        //   head 768 x 1000.
        const int64_t perLayer
            = 197LL * 768 * 2304 + 2LL * 12 * 197 * 197 * 64 + 197LL * 768 * 768 + 2LL * 197 * 768 * 3072;
        const int64_t expected = 768LL * 196 * 3 * 256 + 12 * perLayer + 768LL * 1000;
        for (const char* file : { "vit_b_16_traced.pt", "vit_b_16_scripted.pt" }) {
            const FlopsResult r = countFlops(open(file, "1,3,224,224").graph(), FlopsMode::Extended);
            QCOMPARE(r.total, expected);
        }
        // NNI's default mode sees only the Linear modules, once per token-less call.
        const FlopsResult nni = countFlops(open("vit_b_16_traced.pt", "1,3,224,224").graph(), FlopsMode::Default);
        QVERIFY(nni.total < expected / 50);
        bool attentionListed = false;
        for (const auto& u : nni.uncounted)
            attentionListed = attentionListed || u.type == "aten::bmm";
        QVERIFY(attentionListed);
    }

    // An LSTM(8 -> 16) on a sequence of 5 steps, batch 2. One sample costs, per step,
    // 4 gates x 16 hidden x (8 inputs + 16 hidden) = 1536 MACs: 5 x 1536 = 7680, whether
    // the input is laid out (batch, steps, features) or (steps, batch, features).
    void extendedDividesByTheBatchNotTheSequence_data()
    {
        QTest::addColumn<bool>("batchFirst");
        QTest::newRow("batch first") << true;
        QTest::newRow("sequence first") << false;
    }
    void extendedDividesByTheBatchNotTheSequence()
    {
        QFETCH(bool, batchFirst);
        OpGraph graph = GraphSketch().module("rnn", "LSTM", { "input" }).build();
        const Shape input = batchFirst ? Shape { 2, 5, 8 } : Shape { 5, 2, 8 };
        GraphValue& x = graph.values[static_cast<size_t>(graph.inputs.front())];
        x.has_shape = true;
        x.shape = input;
        OpCall& op = graph.nodes.front().ops.front();
        op.kind = "aten::lstm";
        op.inputs.front().known = true;
        op.inputs.front().shape = input;
        OpArgument flag;
        flag.name = "batch_first";
        flag.kind = OpArgument::Kind::Bool;
        flag.known = true;
        flag.ints = { batchFirst ? 1 : 0 };
        op.inputs.push_back(flag);
        graph.modules.front().params
            = { { "weight_ih_l0", { 64, 8 }, "float32", false }, { "weight_hh_l0", { 64, 16 }, "float32", false } };
        const FlopsResult r = countFlops(graph, FlopsMode::Extended);
        QCOMPARE(r.batch_size, int64_t(2));
        QCOMPARE(r.total, int64_t(5 * 64 * (8 + 16)));
    }

    void masksGiveNniAndEffectiveNumbers()
    {
        // seed_two_conv, conv keeps filters 0 and 1 of 5:
        //   NNI's rule: conv counts 2 filters: 2 x 4 x 1 x 3 = 24; conv2 unchanged 100 -> 124
        //   after speedup conv2 also loses 3 input channels: 5 x 4 x 1 x 2 = 40 -> 64
        //   params after speedup: conv 2x3 + 2 = 8, conv2 5x2 + 5 = 15 -> 23
        const Model model = open("seed_two_conv_traced.pt", "1,3,2,2");
        const MaskSet masks = keepFilters(model.graph(), "conv", { 0, 1 });
        const FlopsResult r = countFlops(model.graph(), FlopsMode::Default, &masks);
        QCOMPARE(r.total, int64_t(160));
        QCOMPARE(r.masked_total, int64_t(124));
        QCOMPARE(r.effective_total, int64_t(64));
        QCOMPARE(layer(r, "conv2").masked_flops, int64_t(100));
        QCOMPARE(layer(r, "conv2").effective_flops, int64_t(40));
        QCOMPARE(r.params, int64_t(50));
        QCOMPARE(r.effective_params, int64_t(23));
    }

    void effectivePropagatesThroughBnAndRelu()
    {
        // resnet18, half the filters of layer1.0.conv1 (64 -> 32): NNI halves that conv
        // (115605504 / 2); after speedup bn1 and relu pass the pruning on and
        // layer1.0.conv2 loses half its input channels too.
        const Model model = open("resnet18_traced.pt", "1,3,224,224");
        std::vector<int> even;
        for (int c = 0; c < 64; c += 2)
            even.push_back(c);
        const MaskSet masks = keepFilters(model.graph(), "layer1.0.conv1", even);
        const FlopsResult r = countFlops(model.graph(), FlopsMode::Default, &masks);
        const int64_t half = conv(64, 56, 3, 64) / 2;
        QCOMPARE(r.masked_total, r.total - half);
        QCOMPARE(r.effective_total, r.total - 2 * half);
        QCOMPARE(layer(r, "layer1.0.conv2").effective_flops, half);
        QCOMPARE(layer(r, "layer1.0.conv1").kept_out_channels, int64_t(32));
        // Full mode: bn1 shrinks with it.
        const FlopsResult f = countFlops(model.graph(), FlopsMode::Full, &masks);
        QCOMPARE(layer(f, "layer1.0.bn1").effective_flops, layer(f, "layer1.0.bn1").flops / 2);
    }

    void extendedParamsAfterSpeedupKeepTheBias()
    {
        // resnet18, every layer of layer4's output set keeps its 256 even filters: fc then
        // reads 256 of 512 features. The pruned fc has 1000 x 256 weights and all 1000
        // biases (257,000 params), not 513,000 x 256/512 = 256,500: a bias shrinks with the
        // filters, never with the inputs. NNI's modes already counted it so.
        const Model model = open("resnet18_traced.pt", "1,3,224,224");
        std::vector<int> even;
        for (int c = 0; c < 512; c += 2)
            even.push_back(c);
        MaskSet masks;
        for (const char* name : { "layer4.0.conv2", "layer4.0.downsample.0", "layer4.1.conv2" })
            masks.merge(keepFilters(model.graph(), name, even));
        const FlopsResult extended = countFlops(model.graph(), FlopsMode::Extended, &masks);
        QCOMPARE(layer(extended, "fc").effective_flops, int64_t(1000 * 256));
        QCOMPARE(layer(extended, "fc").effective_params, int64_t(1000 * 256 + 1000));
        // layer4.1.conv2: 256 filters of 3x3x512 inputs (its input set is not masked), no bias.
        QCOMPARE(layer(extended, "layer4.1.conv2").effective_params, int64_t(256 * 512 * 9));
        const FlopsResult nni = countFlops(model.graph(), FlopsMode::Default, &masks);
        QCOMPARE(layer(nni, "fc").effective_params, int64_t(1000 * 256 + 1000));
    }

    void effectivePassesThroughSpatialMeans()
    {
        // shufflenet_v2_x1_0 pools with x.mean([2, 3]) between conv5.0 (1024 filters) and
        // fc: keeping 512 of conv5.0's filters leaves fc 512 inputs (1000 x 512 MACs).
        const Model model = open("shufflenet_v2_x1_0_traced.pt", "1,3,224,224");
        std::vector<int> half;
        for (int c = 0; c < 1024; c += 2)
            half.push_back(c);
        const MaskSet masks = keepFilters(model.graph(), "conv5.0", half);
        const FlopsResult r = countFlops(model.graph(), FlopsMode::Extended, &masks);
        QCOMPARE(layer(r, "fc").effective_flops, int64_t(1000 * 512));
        QCOMPARE(layer(r, "fc").effective_params, int64_t(1000 * 512 + 1000));
    }
};

QTEST_GUILESS_MAIN(TestFlops)
#include "tst_flops.moc"
