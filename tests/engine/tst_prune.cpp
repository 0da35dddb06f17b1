// SPDX-License-Identifier: MIT
// Physical pruning with hand-written plans on zero-shift micro-models (built by
// fixtures/prune_models.py): every plan below is derived by reasoning about the model
// (comments say how), the pruned model must pass the engine's verification and have the
// parameter and MAC counts worked out here by hand, and wrong plans must fail verification
// naming the op and leave no file. Each pruned file is also listed in cases.json for
// prune/check_pruned.py, which checks it in stock PyTorch against the masked original.
#include "chain_plan.h"
#include "fixtures.h"
#include "prunescope/error.h"
#include "prunescope/flops.h"
#include "prunescope/model.h"
#include "prunescope/prune_json.h"
#include "prunescope/pruner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <numeric>

using namespace prunescope;
using namespace prunescope::test;

namespace {

std::vector<int64_t> range(int64_t from, int64_t to)
{
    std::vector<int64_t> r(static_cast<size_t>(to - from));
    std::iota(r.begin(), r.end(), from);
    return r;
}

std::vector<int64_t> without(int64_t size, const std::vector<int64_t>& removed)
{
    std::vector<int64_t> kept;
    for (int64_t i = 0; i < size; ++i)
        if (std::find(removed.begin(), removed.end(), i) == removed.end())
            kept.push_back(i);
    return kept;
}

// Writes plans in terms of layers and nodes; the slices of one layer role are those of
// its tensors (a BN's four per-channel tensors, a conv's weight and bias).
class PlanBuilder {
public:
    explicit PlanBuilder(const OpGraph& graph)
        : m_graph(graph)
    {
    }
    // Filters (or a BN's channels): dim 0 of every parameter and buffer with one entry per channel.
    PlanBuilder& out(const std::string& module, const std::vector<int64_t>& kept)
    {
        const ModuleInfo* info = m_graph.module(module);
        if (!info)
            throw std::runtime_error("no module " + module);
        const int64_t channels = info->params.front().shape.at(0);
        for (const auto& p : info->params)
            if (!p.shape.empty() && p.shape[0] == channels)
                m_plan.slices.push_back({ module, p.name, 0, kept, 1 });
        return *this;
    }
    PlanBuilder& in(const std::string& module, const std::vector<int64_t>& kept, int64_t groups = 1)
    {
        m_plan.slices.push_back({ module, "weight", 1, kept, groups });
        return *this;
    }
    PlanBuilder& groups(const std::string& node, int64_t value)
    {
        const OpNode* n = m_graph.findUnique(node);
        m_plan.edits.push_back({ node, n->ops.front().kind, "groups", -1, value });
        return *this;
    }
    // The first output of each node carries the removed channels along `dim`.
    PlanBuilder& silence(const std::vector<std::string>& nodes, const std::vector<int64_t>& removed, int dim = 1)
    {
        for (const auto& node : nodes) {
            const OpNode* n = m_graph.findUnique(node);
            if (!n)
                throw std::runtime_error("no node " + node);
            m_plan.silenced.push_back({ n->outputs.at(0), dim, removed });
        }
        return *this;
    }
    PrunePlan plan() const { return m_plan; }

private:
    const OpGraph& m_graph;
    PrunePlan m_plan;
};

// Every layer whose filters go, with the filters it keeps: what a fixer writes as the
// fixed masks (a depthwise conv or an SE's up conv forced by its group included).
using Masks = std::map<std::string, std::vector<int64_t>>;

struct Case {
    std::string model; // fixture base name, "prune_dw_chain"
    std::function<PrunePlan(const OpGraph&)> plan;
    Masks masks;
    int64_t paramsBefore, paramsAfter, macsBefore, macsAfter; // worked out by hand
};

// Remove filters {1, 4, 6} of `a` (kept 0,2,3,5,7). The depthwise conv has one filter per
// input channel, so it loses the same filters and its groups drop from 8 to 5; both BNs
// lose those channels; `b` loses those input channels. Params: a 8*27+8 = 224 -> 5*27+5
// = 140, bn_a 16 -> 10, dw 8*9+8 = 80 -> 50, bn_dw 16 -> 10, b 6*8+6 = 54 -> 6*5+6 = 36:
// 390 -> 246. MACs on 8x8 outputs: a 8*27*64 + dw 8*9*64 + b 6*8*64 = 21504 ->
// 5*27*64 + 5*9*64 + 6*5*64 = 13440.
PrunePlan dwChainPlan(const OpGraph& g)
{
    const std::vector<int64_t> removed { 1, 4, 6 }, kept = without(8, removed);
    return PlanBuilder(g)
        .out("a", kept)
        .out("bn_a", kept)
        .out("dw", kept)
        .groups("dw", 5)
        .out("bn_dw", kept)
        .in("b", kept)
        .silence({ "a", "bn_a", "aten::relu", "dw", "bn_dw", "aten::relu.1" }, removed)
        .plan();
}

// Remove filter 2 of 4: the conv's 4x4 output flattens channel-major, so the Linear
// loses input features 32..47. Params: conv 4*27+4 = 112 -> 84, fc 5*64+5 = 325 ->
// 5*48+5 = 245: 437 -> 329. MACs: conv 4*27*16 + fc 5*64 = 2048 -> 3*27*16 + 5*48 = 1536.
PrunePlan flattenLinearPlan(const OpGraph& g)
{
    const std::vector<int64_t> features = range(32, 48);
    return PlanBuilder(g)
        .out("conv", { 0, 1, 3 })
        .in("fc", without(64, features))
        .silence({ "conv", "aten::relu" }, { 2 })
        .silence({ "aten::flatten" }, features)
        .plan();
}

// Remove filter 1 of `a` (4 filters) and filters 0 and 5 of `b` (6 filters): in the cat,
// b's filter k is channel 4 + k, so channels {1, 4, 9} go from the cat, the BN and c's
// input. Params: a 112 -> 84, b 6*27+6 = 168 -> 112, bn 20 -> 14, c 5*10+5 = 55 -> 40:
// 355 -> 250. MACs: a 4*27*64 + b 6*27*64 + c 5*10*64 = 20480 -> 3*27*64 + 4*27*64 +
// 5*7*64 = 14336.
PrunePlan catPlan(const OpGraph& g)
{
    const std::vector<int64_t> cat { 1, 4, 9 }, kept = without(10, cat);
    return PlanBuilder(g)
        .out("a", { 0, 2, 3 })
        .out("b", { 1, 2, 3, 4 })
        .out("bn", kept)
        .in("c", kept)
        .silence({ "a" }, { 1 })
        .silence({ "b" }, { 0, 5 })
        .silence({ "aten::cat", "bn", "aten::relu" }, cat)
        .plan();
}

// c1 has groups 4: group g reads input channels 4g..4g+3 and owns filters 4g..4g+3.
// Remove c0's filters {0, 5, 10, 15} (one per group, so each group keeps 3 inputs and
// groups stay 4) and c1's filters {3, 7, 11, 15} (one per group). Params: c0 16*27+16 =
// 448 -> 12*27+12 = 336, c1 16*4*9+16 = 592 -> 12*3*9+12 = 336, c2 8*16+8 = 136 -> 8*12+8
// = 104: 1176 -> 776. MACs: c0 16*27*64 + c1 16*36*64 + c2 8*16*64 = 72704 -> 12*27*64 +
// 12*27*64 + 8*12*64 = 47616.
PrunePlan groupedPlan(const OpGraph& g)
{
    const std::vector<int64_t> c0 { 0, 5, 10, 15 }, c1 { 3, 7, 11, 15 };
    return PlanBuilder(g)
        .out("c0", without(16, c0))
        .in("c1", without(16, c0), 4)
        .out("c1", without(16, c1))
        .in("c2", without(16, c1))
        .silence({ "c0", "aten::relu" }, c0)
        .silence({ "c1", "aten::relu.1" }, c1)
        .plan();
}

// The add ties a and b (through their BNs): remove channels {2, 5} of both, their BNs,
// and c's inputs. Params: a 6*27+6 = 168 -> 112, bn_a 12 -> 8, b 6*3+6 = 24 -> 16, bn_b
// 12 -> 8, c 4*6+4 = 28 -> 20: 244 -> 164. MACs: a 6*27*64 + b 6*3*64 + c 4*6*64 = 13056
// -> 4*27*64 + 4*3*64 + 4*4*64 = 8704.
PrunePlan residualPlan(const OpGraph& g)
{
    const std::vector<int64_t> removed { 2, 5 }, kept = without(6, removed);
    return PlanBuilder(g)
        .out("a", kept)
        .out("bn_a", kept)
        .out("b", kept)
        .out("bn_b", kept)
        .in("c", kept)
        .silence({ "a", "bn_a", "b", "bn_b", "aten::add", "aten::relu" }, removed)
        .plan();
}

// Remove channels {1, 6} of conv: the SE's pooled tensor and down's input lose them, up
// must stop producing their scales (filters and bias), and out loses those inputs.
// Params: conv 8*27+8 = 224 -> 168, down 4*8+4 = 36 -> 28, up 8*4+8 = 40 -> 30, out
// 4*8+4 = 36 -> 28: 336 -> 254. MACs: conv 8*27*64 + down 32 + up 32 + out 4*8*64 = 15936
// -> 6*27*64 + 24 + 24 + 4*6*64 = 11952.
PrunePlan squeezeExcitePlan(const OpGraph& g)
{
    const std::vector<int64_t> removed { 1, 6 }, kept = without(8, removed);
    return PlanBuilder(g)
        .out("conv", kept)
        .in("down", kept)
        .out("up", kept)
        .in("out", kept)
        .silence({ "conv", "aten::relu", "aten::adaptive_avg_pool2d", "up", "aten::sigmoid", "aten::mul" }, removed)
        .plan();
}

// Remove filter 0 of a (dw1 follows: groups 7) and filters {1, 2} of b (dw2 follows:
// groups 6). Scripted, dw1 and dw2 share one class and one method graph: each must get
// its own groups. Params: a 32 -> 28, dw1 80 -> 70, b 72 -> 6*7+6 = 48, dw2 80 -> 60, c 36
// -> 4*6+4 = 28: 300 -> 234. MACs: a 8*3*64 + dw1 8*9*64 + b 8*8*64 + dw2 8*9*64 + c 4*8*64
// = 16896 -> 7*3*64 + 7*9*64 + 6*7*64 + 6*9*64 + 4*6*64 = 13056.
PrunePlan twinDepthwisePlan(const OpGraph& g)
{
    const std::vector<int64_t> a { 0 }, b { 1, 2 };
    return PlanBuilder(g)
        .out("a", without(8, a))
        .out("dw1", without(8, a))
        .groups("dw1", 7)
        .in("b", without(8, a))
        .out("b", without(8, b))
        .out("dw2", without(8, b))
        .groups("dw2", 6)
        .in("c", without(8, b))
        .silence({ "a", "dw1" }, a)
        .silence({ "b", "dw2" }, b)
        .plan();
}

// Remove filters {1, 5} of 8: the constant view size [1, 128] becomes [1, 96] and the
// Linear loses features 16..31 and 80..95 (channel c is features 16c..16c+15). Params:
// conv 224 -> 6*27+6 = 168, fc 5*128+5 = 645 -> 5*96+5 = 485: 869 -> 653. MACs: conv
// 8*27*16 + fc 5*128 = 4096 -> 6*27*16 + 5*96 = 3072.
PrunePlan viewLinearPlan(const OpGraph& g)
{
    std::vector<int64_t> features = range(16, 32);
    for (int64_t f = 80; f < 96; ++f)
        features.push_back(f);
    PrunePlan plan = PlanBuilder(g)
                         .out("conv", without(8, { 1, 5 }))
                         .in("fc", without(128, features))
                         .silence({ "conv", "aten::relu" }, { 1, 5 })
                         .silence({ "aten::view" }, features)
                         .plan();
    plan.edits.push_back({ "aten::view", "aten::view", "size", 1, 96 });
    return plan;
}

const std::vector<Case>& cases()
{
    static const std::vector<Case> all {
        { "prune_dw_chain", dwChainPlan, { { "a", without(8, { 1, 4, 6 }) }, { "dw", without(8, { 1, 4, 6 }) } }, 390,
            246, 21504, 13440 },
        { "prune_flatten_linear", flattenLinearPlan, { { "conv", { 0, 1, 3 } } }, 437, 329, 2048, 1536 },
        { "prune_cat_bn", catPlan, { { "a", { 0, 2, 3 } }, { "b", { 1, 2, 3, 4 } } }, 355, 250, 20480, 14336 },
        { "prune_grouped", groupedPlan,
            { { "c0", without(16, { 0, 5, 10, 15 }) }, { "c1", without(16, { 3, 7, 11, 15 }) } }, 1176, 776, 72704,
            47616 },
        { "prune_residual", residualPlan, { { "a", without(6, { 2, 5 }) }, { "b", without(6, { 2, 5 }) } }, 244, 164,
            13056, 8704 },
        { "prune_squeeze_excite", squeezeExcitePlan,
            { { "conv", without(8, { 1, 6 }) }, { "up", without(8, { 1, 6 }) } }, 336, 254, 15936, 11952 },
        { "prune_twin_depthwise", twinDepthwisePlan,
            { { "a", without(8, { 0 }) }, { "dw1", without(8, { 0 }) }, { "b", without(8, { 1, 2 }) },
                { "dw2", without(8, { 1, 2 }) } },
            300, 234, 16896, 13056 },
        { "prune_view_linear", viewLinearPlan, { { "conv", without(8, { 1, 5 }) } }, 869, 653, 4096, 3072 },
    };
    return all;
}

Model openPath(const std::string& path, const std::string& input = "1,3,8,8")
{
    LoadOptions options;
    options.inputs = parseInputSpecs(input);
    return Model::load(path, options);
}

Model open(const std::string& file) { return openPath(fixture(file)); }

MaskSet masksOf(const OpGraph& graph, const Masks& kept)
{
    MaskSet masks;
    for (const auto& [layer, filters] : kept) {
        const ModuleInfo* module = graph.module(layer);
        const Shape& shape = module->params.front().shape;
        std::vector<bool> keep(static_cast<size_t>(shape[0]), false);
        for (int64_t f : filters)
            keep[static_cast<size_t>(f)] = true;
        masks[layer] = LayerMask::keepChannels(shape, keep, module->params.size() > 1);
    }
    return masks;
}

} // namespace

class TestPrune : public QObject {
    Q_OBJECT
    QString m_out = QStringLiteral(PRUNESCOPE_PRUNED_DIR);
    QJsonArray m_written;
    PruneOptions m_options;

    std::string outPath(const std::string& name) const
    {
        return QDir(m_out).filePath(QString::fromStdString(name)).toStdString();
    }

    std::string expectFailure(const std::string& file, const PrunePlan& plan, const Model& model)
    {
        const std::string out = outPath("must_not_exist.pt");
        QFile::remove(QString::fromStdString(out));
        try {
            prunePlanned(model, plan, out, m_options);
        } catch (const Error& e) {
            [&] { QVERIFY2(!QFile::exists(QString::fromStdString(out)), "a failed prune left its output file"); }();
            [&] { QCOMPARE(e.kind(), ErrorKind::BadInput); }();
            [&] { QVERIFY2(std::string(e.what()).find(fixture(file)) != std::string::npos, e.what()); }();
            return e.what();
        }
        [&] { QFAIL("pruning with a wrong plan succeeded"); }();
        return {};
    }

private slots:
    void initTestCase()
    {
        QDir().mkpath(m_out);
        m_options.latency_runs = 2;
    }

    void handPlansPassVerification_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("kind");
        for (size_t i = 0; i < cases().size(); ++i)
            for (const char* kind : { "traced", "scripted" })
                QTest::newRow((cases()[i].model + " " + kind).c_str()) << static_cast<int>(i) << QString(kind);
    }
    void handPlansPassVerification()
    {
        QFETCH(int, index);
        QFETCH(QString, kind);
        const Case& c = cases()[static_cast<size_t>(index)];
        const std::string file = c.model + "_" + kind.toStdString() + ".pt";
        const Model model = open(file);
        const std::string out = outPath(c.model + "_" + kind.toStdString() + ".pruned.pt");
        const PrunePlan plan = c.plan(model.graph());
        std::ofstream(outPath(c.model + "_" + kind.toStdString() + ".plan.json")) << nlohmann::json(plan).dump(1);
        const PruneResult result = prunePlanned(model, plan, out, m_options);
        QVERIFY(result.verification.passed);
        QVERIFY2(result.verification.max_rel < 1e-5, std::to_string(result.verification.max_rel).c_str());
        QCOMPARE(result.before.params, c.paramsBefore);
        QCOMPARE(result.after.params, c.paramsAfter);
        QCOMPARE(result.before.macs, c.macsBefore);
        QCOMPARE(result.after.macs, c.macsAfter);
        QVERIFY(result.after.file_bytes > 0);
        QCOMPARE(static_cast<qint64>(result.after.file_bytes), QFileInfo(QString::fromStdString(out)).size());
        QVERIFY(result.after.latency_ms_one_thread > 0 && result.after.latency_ms_all_threads > 0);

        // The pruned file opens like any model, and the counter's prediction from the
        // masks ("after speedup") is what the pruned file measures.
        const Model pruned = openPath(out);
        QCOMPARE(pruned.graph().totalParamCount(), c.paramsAfter);
        const MaskSet masks = masksOf(model.graph(), c.masks);
        const FlopsResult predicted = countFlops(model.graph(), FlopsMode::Extended, &masks);
        const FlopsResult measured = countFlops(pruned.graph(), FlopsMode::Extended);
        QCOMPARE(predicted.effective_total, measured.total);
        QCOMPARE(predicted.effective_params, measured.params);

        QJsonObject kept;
        for (const auto& [layer, filters] : c.masks) {
            QJsonArray list;
            for (int64_t f : filters)
                list.append(static_cast<qint64>(f));
            kept[QString::fromStdString(layer)] = list;
        }
        m_written.append(QJsonObject { { "original", QString::fromStdString(fixture(file)) },
            { "pruned", QString::fromStdString(out) }, { "input", "1,3,8,8" }, { "kept_filters", kept } });
    }

    // Real models, with plans for their simplest groups only (chain_plan.h: a conv, its
    // BN, its next conv); the strict-groups analysis plans the rest.
    void torchvisionChainsPassVerification_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("roots"); // convs whose filters go (chain roots and the depthwise convs they reach)
        // resnet18: conv1 of each of the 8 BasicBlocks; vgg11_bn: 7 of 8 convs (the last feeds the classifier).
        QTest::newRow("resnet18 traced") << "zs_resnet18_traced.pt"
                                         << "1,3,224,224" << 8;
        QTest::newRow("resnet18 scripted") << "zs_resnet18_scripted.pt"
                                           << "1,3,224,224" << 8;
        QTest::newRow("vgg11_bn traced") << "zs_vgg11_bn_traced.pt"
                                         << "1,3,64,64" << 7;
        // mobilenet_v2: features.0.0 (through the depthwise conv of features.1) and the
        // expand conv of the 16 blocks that have one, each with its depthwise conv (17 + 17),
        // and the project convs of the two one-block stages (16 and 320 channels), whose
        // output no residual add reads: 36.
        QTest::newRow("mobilenet_v2 traced") << "zs_mobilenet_v2_traced.pt"
                                             << "1,3,224,224" << 36;
        QTest::newRow("mobilenet_v2 scripted") << "zs_mobilenet_v2_scripted.pt"
                                               << "1,3,224,224" << 36;
    }
    void torchvisionChainsPassVerification()
    {
        QFETCH(QString, file);
        QFETCH(QString, input);
        QFETCH(int, roots);
        const Model model = openPath(fixture(file.toStdString()), input.toStdString());
        const ChainPlan chain = chainPlan(model.graph(), 0.3);
        QCOMPARE(static_cast<int>(chain.kept.size()), roots);
        const std::string out = outPath(QFileInfo(file).completeBaseName().toStdString() + ".pruned.pt");
        PruneOptions options;
        options.latency_runs = 0;
        const PruneResult result = prunePlanned(model, chain.plan, out, options);
        QVERIFY(result.verification.passed);
        QVERIFY2(result.verification.max_rel < 1e-5, std::to_string(result.verification.max_rel).c_str());
        QVERIFY(result.after.params < result.before.params);
        MaskSet masks;
        for (const auto& [layer, kept] : chain.kept)
            masks.merge(masksOf(model.graph(), { { layer, kept } }));
        const Model pruned = openPath(out, input.toStdString());
        const FlopsResult predicted = countFlops(model.graph(), FlopsMode::Extended, &masks);
        QCOMPARE(predicted.effective_total, result.after.macs);
        QCOMPARE(predicted.effective_params, countFlops(pruned.graph(), FlopsMode::Extended).params);
        QJsonObject kept;
        for (const auto& [layer, filters] : chain.kept) {
            QJsonArray list;
            for (int64_t f : filters)
                list.append(static_cast<qint64>(f));
            kept[QString::fromStdString(layer)] = list;
        }
        m_written.append(QJsonObject { { "original", QString::fromStdString(fixture(file.toStdString())) },
            { "pruned", QString::fromStdString(out) }, { "input", input }, { "kept_filters", kept } });
    }

    // Forgetting the depthwise conv's groups: the pruned forward fails in that conv.
    void missingGroupsEditNamesTheConv()
    {
        const Model model = open("prune_dw_chain_scripted.pt");
        PrunePlan plan = dwChainPlan(model.graph());
        plan.edits.clear();
        const std::string message = expectFailure("prune_dw_chain_scripted.pt", plan, model);
        QVERIFY2(message.find("aten::conv2d in module dw") != std::string::npos, message.c_str());
    }

    // Forgetting the constant view size: the pruned view gets 96 values for [1, 128].
    void missingViewEditNamesTheView()
    {
        const Model model = open("prune_view_linear_traced.pt");
        PrunePlan plan = viewLinearPlan(model.graph());
        plan.edits.clear();
        const std::string message = expectFailure("prune_view_linear_traced.pt", plan, model);
        QVERIFY2(message.find("at aten::view in the model's own forward") != std::string::npos, message.c_str());
    }

    // Forgetting b's input channels: b gets 5 channels for 8 columns of weight.
    void missingInputSliceNamesTheNextConv()
    {
        const Model model = open("prune_dw_chain_traced.pt");
        PrunePlan plan = dwChainPlan(model.graph());
        plan.slices.pop_back(); // in("b")
        const std::string message = expectFailure("prune_dw_chain_traced.pt", plan, model);
        QVERIFY2(message.find("aten::_convolution in module b") != std::string::npos, message.c_str());
    }

    // bn_a keeping channels 0..4 instead of a's filters: every shape fits, but bn_a scales
    // the wrong channels, so the first value that disagrees is bn_a's output.
    void wrongBnChannelsNameTheBn()
    {
        const Model model = open("prune_dw_chain_traced.pt");
        PrunePlan plan = dwChainPlan(model.graph());
        for (auto& s : plan.slices)
            if (s.module == "bn_a")
                s.kept = { 0, 1, 2, 3, 4 };
        const std::string message = expectFailure("prune_dw_chain_traced.pt", plan, model);
        QVERIFY2(message.find("first op whose output disagrees with the original's is bn_a (BatchNorm2d)")
                != std::string::npos,
            message.c_str());
    }

    // The plan silences channel 7 but slices away channel 6: a's own output already disagrees.
    void silencedAndSlicedDisagreeNamesTheFirstConv()
    {
        const Model model = open("prune_dw_chain_scripted.pt");
        PrunePlan plan = dwChainPlan(model.graph());
        for (auto& s : plan.silenced)
            s.removed = { 1, 4, 7 };
        const std::string message = expectFailure("prune_dw_chain_scripted.pt", plan, model);
        QVERIFY2(message.find("is a (Conv2d)") != std::string::npos, message.c_str());
    }

    // A slice that leaves the cat narrower than the plan says: shapes disagree at the cat.
    void catShapeMismatchNamesTheCat()
    {
        const Model model = open("prune_cat_bn_traced.pt");
        PrunePlan plan = catPlan(model.graph());
        for (auto& s : plan.silenced)
            if (s.removed == std::vector<int64_t> { 1, 4, 9 })
                s.removed = { 1, 4 };
        const std::string message = expectFailure("prune_cat_bn_traced.pt", plan, model);
        QVERIFY2(message.find("is aten::cat (aten::cat)") != std::string::npos, message.c_str());
        QVERIFY2(message.find("shape [1, 7, 8, 8], expected [1, 8, 8, 8]") != std::string::npos, message.c_str());
    }

    void badPlansAreRefusedBeforeRunning()
    {
        const Model model = open("prune_dw_chain_traced.pt");
        PrunePlan plan = dwChainPlan(model.graph());
        plan.slices.push_back({ "nope", "weight", 0, { 0 }, 1 });
        QVERIFY(expectFailure("prune_dw_chain_traced.pt", plan, model).find("module nope") != std::string::npos);

        plan = dwChainPlan(model.graph());
        plan.slices.front().kept.clear();
        QVERIFY(expectFailure("prune_dw_chain_traced.pt", plan, model).find("keeps nothing") != std::string::npos);

        plan = dwChainPlan(model.graph());
        plan.edits.front().node = "nowhere";
        QVERIFY(expectFailure("prune_dw_chain_traced.pt", plan, model).find("no node nowhere") != std::string::npos);

        plan = dwChainPlan(model.graph());
        plan.silenced.front().removed = { 9 };
        QVERIFY(expectFailure("prune_dw_chain_traced.pt", plan, model).find("not ascending within 0..7")
            != std::string::npos);
    }

    void cancelStopsWithoutWriting()
    {
        const Model model = open("prune_dw_chain_traced.pt");
        const std::string out = outPath("cancelled.pt");
        Progress progress;
        int steps = 0;
        progress.report = [&](const std::string&, double) { ++steps; };
        progress.cancelled = [&] { return steps >= 3; };
        QVERIFY_THROWS_EXCEPTION(Error, prunePlanned(model, dwChainPlan(model.graph()), out, m_options, progress));
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
    }

    void cleanupTestCase()
    {
        QFile cases(m_out + "/cases.json");
        QVERIFY(cases.open(QIODevice::WriteOnly));
        cases.write(QJsonDocument(QJsonObject { { "cases", m_written } }).toJson());
    }
};

QTEST_GUILESS_MAIN(TestPrune)
#include "tst_prune.moc"
