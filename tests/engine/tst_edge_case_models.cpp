// SPDX-License-Identifier: MIT
// Small models that each exercise one thing the engine must get right; the models are
// defined in fixtures/make_fixtures.py and the expected answers are worked out from
// their code and NNI v2.9's rules (reasoning next to each check).
#include "fixtures.h"
#include "prunescope/model.h"
#include "prunescope/report.h"

#include <QtTest>

using namespace prunescope;
using namespace prunescope::test;

namespace {

struct Loaded {
    Model model;
    AnalysisReport report;
};

Loaded load(const std::string& file, const std::string& input)
{
    LoadOptions options;
    options.inputs = parseInputSpecs(input);
    Model model = Model::load(fixture(file), options);
    AnalysisReport report = analyze(model.graph());
    return { std::move(model), std::move(report) };
}

const OpNode& node(const OpGraph& graph, const std::string& uniqueName)
{
    const OpNode* found = graph.findUnique(uniqueName);
    if (!found)
        qFatal("no node %s", uniqueName.c_str());
    return *found;
}

Shape outputShape(const OpGraph& graph, const std::string& uniqueName)
{
    const OpNode& n = node(graph, uniqueName);
    return n.outputs.empty() ? Shape {} : graph.values[static_cast<size_t>(n.outputs.front())].shape;
}

std::vector<std::string> producersOf(const OpGraph& graph, const std::string& uniqueName)
{
    std::vector<std::string> names;
    for (int p : graph.predecessors(node(graph, uniqueName).id))
        names.push_back(graph.nodes[static_cast<size_t>(p)].unique_name);
    return names;
}

int callsOf(const OpGraph& graph, const std::string& module)
{
    int calls = 0;
    for (const auto& n : graph.nodes)
        calls += n.isModule() && n.name == module;
    return calls;
}

const char* const kVariants[] = { "traced", "scripted" };

} // namespace

class TestEdgeCaseModels : public QObject {
    Q_OBJECT
private slots:
    void variant_data()
    {
        QTest::addColumn<QString>("variant");
        for (const char* v : kVariants)
            QTest::newRow(v) << v;
    }

    void convFeedingViewIsNotSafe_data() { variant_data(); }
    void convFeedingViewIsNotSafe()
    {
        // conv -> relu -> view -> fc; conv2 -> flatten -> fc2; fc + fc2.
        QFETCH(QString, variant);
        const auto l = load("conv_view_" + variant.toStdString() + ".pt", "1,3,16,16");
        QCOMPARE(l.report.unsafe.size(), size_t(1));
        QCOMPARE(l.report.unsafe[0].layer, std::string("conv"));
        QVERIFY(l.report.unsafe[0].reason.find("(1, 8, 16, 16) into (1, 2048)") != std::string::npos);
        // The final add ties the two Linear layers.
        QCOMPARE(multiMemberSets(l.report.channel.sets), (Partition { { "fc", "fc2" } }));
    }

    void catNeverTies_data() { variant_data(); }
    void catNeverTies()
    {
        // v2.9: cat on dim 1 is skipped, and on any other dim the search stops at the cat.
        QFETCH(QString, variant);
        for (const char* model : { "cat_dim1", "cat_dim2" }) {
            const auto l = load(std::string(model) + "_" + variant.toStdString() + ".pt", "1,3,8,8");
            QVERIFY2(multiMemberSets(l.report.channel.sets).empty(), model);
            // a and b read the same input: their input channels are tied.
            QCOMPARE(multiMemberSets(l.report.input_channel), (Partition { { "a", "b" } }));
        }
        const auto dim2 = load("cat_dim2_" + variant.toStdString() + ".pt", "1,3,8,8");
        QCOMPARE(node(dim2.model.graph(), "aten::cat").attr("dim"), int64_t(2));
        QCOMPARE(outputShape(dim2.model.graph(), "aten::cat"), (Shape { 1, 4, 16, 8 }));
    }

    void depthwiseAddAndGroups_data() { variant_data(); }
    void depthwiseAddAndGroups()
    {
        // y = pw(x); dw(y) + y: the add's nearest layers are dw and pw.
        QFETCH(QString, variant);
        const auto l = load("depthwise_" + variant.toStdString() + ".pt", "1,3,8,8");
        QCOMPARE(multiMemberSets(l.report.channel.sets), (Partition { { "pw", "dw" } }));
        const OpNode& dw = node(l.model.graph(), "dw");
        QCOMPARE(dw.attr("groups"), int64_t(8));
        QCOMPARE(dw.attr("in_channels"), int64_t(8));
        QCOMPARE(dw.attr("out_channels"), int64_t(8));
        QCOMPARE(dw.attrs.at("kernel_size"), (std::vector<int64_t> { 3, 3 }));
        QCOMPARE(dw.weight_shape, (Shape { 8, 1, 3, 3 }));
        for (const auto& g : l.report.groups)
            QCOMPARE(g.max_groups, int64_t(1)); // depthwise counts as 1
    }

    void groupedConvChain_data() { variant_data(); }
    void groupedConvChain()
    {
        // c0 -> c1 (groups 4) -> c2 (groups 2) -> c3: c0 must split in 4, c1 in lcm(4,2).
        QFETCH(QString, variant);
        const auto l = load("grouped_" + variant.toStdString() + ".pt", "1,3,8,8");
        std::map<std::string, std::pair<int64_t, int64_t>> got;
        for (const auto& g : l.report.groups)
            got[g.layer] = { g.max_groups, g.min_groups };
        const std::map<std::string, std::pair<int64_t, int64_t>> expected { { "c0", { 4, 1 } }, { "c1", { 4, 2 } },
            { "c2", { 2, 2 } }, { "c3", { 1, 1 } } };
        QCOMPARE(got, expected);
    }

    void convTransposeIsAFilterLayer_data() { variant_data(); }
    void convTransposeIsAFilterLayer()
    {
        QFETCH(QString, variant);
        const auto l = load("conv_transpose_" + variant.toStdString() + ".pt", "1,3,16,16");
        QCOMPARE(multiMemberSets(l.report.channel.sets), (Partition { { "up", "side" } }));
        const OpNode& up = node(l.model.graph(), "up");
        QCOMPARE(up.op_type, std::string("ConvTranspose2d"));
        QCOMPARE(up.attr("transposed"), int64_t(1));
        QCOMPARE(up.attr("in_channels"), int64_t(8));
        QCOMPARE(up.attr("out_channels"), int64_t(4));
        QCOMPARE(outputShape(l.model.graph(), "up"), (Shape { 1, 4, 16, 16 }));
    }

    void chunkAndSplitAreLookedThrough_data() { variant_data(); }
    void chunkAndSplitAreLookedThrough()
    {
        // conv -> chunk -> conv_a, conv_b -> add: the add ties conv_a and conv_b, not conv.
        // The later add meets a cat, which stops the search.
        QFETCH(QString, variant);
        const auto l = load("chunk_split_" + variant.toStdString() + ".pt", "1,3,8,8");
        const OpGraph& g = l.model.graph();
        QCOMPARE(multiMemberSets(l.report.channel.sets), (Partition { { "conv_a", "conv_b" } }));
        // The chunk's halves go straight from the chunk node to the convs, with shapes.
        QCOMPARE(producersOf(g, "conv_a"), std::vector<std::string> { "aten::chunk" });
        QCOMPARE(producersOf(g, "conv_b"), std::vector<std::string> { "aten::chunk" });
        QCOMPARE(g.values[static_cast<size_t>(node(g, "conv_a").inputs.front())].shape, (Shape { 1, 4, 8, 8 }));
        // Both halves come from conv's output: their readers share input channels; conv
        // and conv_s both read the model input.
        QCOMPARE(multiMemberSets(l.report.input_channel), (Partition { { "conv_a", "conv_b" }, { "conv", "conv_s" } }));
        for (const auto& n : g.nodes)
            QVERIFY2(n.op_type != "prim::ListUnpack" && n.op_type != "prim::ListConstruct", n.unique_name.c_str());
    }

    void modulesCalledSeveralTimes()
    {
        // y = c(c(x)); five calls of c2 in a loop; y + c(x): the add ties c2 and c.
        const auto traced = load("module_twice_traced.pt", "1,4,8,8");
        const auto scripted = load("module_twice_scripted.pt", "1,4,8,8");
        for (const auto* l : { &traced, &scripted })
            QCOMPARE(multiMemberSets(l->report.channel.sets), (Partition { { "c", "c2" } }));
        const OpGraph& t = traced.model.graph();
        QCOMPARE(callsOf(t, "c"), 3);
        QCOMPARE(callsOf(t, "c2"), 5); // tracing unrolls the loop
        QCOMPARE(node(t, "c.1").call_index, 1);
        QCOMPARE(producersOf(t, "c.1"), std::vector<std::string> { "c" });
        // Scripting keeps the loop; its first iteration is peeled off, so that what one
        // iteration hands the next is an edge, as in the trace: c2 runs once, then four
        // times reading its own output.
        const OpGraph& s = scripted.model.graph();
        QCOMPARE(callsOf(s, "c"), 3);
        QCOMPARE(callsOf(s, "c2"), 2);
        QCOMPARE(node(s, "c2").executions, 1);
        QCOMPARE(node(s, "c2.1").executions, 4);
        QCOMPARE(producersOf(s, "c2.1"), std::vector<std::string> { "c2" });
        // Each module is listed once in the sets, whatever its number of calls.
        QCOMPARE(traced.report.channel.sets.size(), size_t(1));
    }

    void multipleInputsWithDtypes_data() { variant_data(); }
    void multipleInputsWithDtypes()
    {
        QFETCH(QString, variant);
        const auto l = load("multi_input_" + variant.toStdString() + ".pt", "1,3,16,16;1,3,16,16;int64:1,4");
        const OpGraph& g = l.model.graph();
        QCOMPARE(g.inputs.size(), size_t(3));
        QCOMPARE(g.values[static_cast<size_t>(g.inputs[2])].dtype, std::string("Long"));
        QCOMPARE(outputShape(g, "embed"), (Shape { 1, 4, 8 }));
        // conv_x(x) + conv_y(y) ties the convs; the embedding's mean is a scalar (the
        // search stops at mean) and Embedding is not a Filter layer anyway.
        QCOMPARE(multiMemberSets(l.report.channel.sets), (Partition { { "conv_x", "conv_y" } }));
    }

    void branchOnATensorValueNeedsRealTensors()
    {
        // `if x.sum() > 0` cannot be decided on meta tensors: the engine falls back to
        // real ones (ones as input, so branch a runs). b never runs, so it is absent.
        const auto l = load("if_branch_scripted.pt", "1,3,8,8");
        QCOMPARE(l.model.shapeMode(), std::string("real"));
        QVERIFY(!l.model.metaFallbackReason().empty());
        QCOMPARE(multiMemberSets(l.report.channel.sets), (Partition { { "a", "c" } }));
        QVERIFY(l.model.graph().findUnique("b") == nullptr);
        QCOMPARE(callsOf(l.model.graph(), "a"), 1);
    }

    void branchOnAShapeStaysOnMeta_data() { variant_data(); }
    void branchOnAShapeStaysOnMeta()
    {
        QFETCH(QString, variant);
        const auto l = load("if_shape_" + variant.toStdString() + ".pt", "1,3,16,16");
        QCOMPARE(l.model.shapeMode(), std::string("meta"));
        QCOMPARE(outputShape(l.model.graph(), "conv"), (Shape { 1, 8, 8, 8 }));
        // A small input takes the other branch: no pool call at all.
        const auto small = load("if_shape_scripted.pt", "1,3,8,8");
        QCOMPARE(callsOf(small.model.graph(), "pool"), 0);
        QCOMPARE(outputShape(small.model.graph(), "conv"), (Shape { 1, 8, 8, 8 }));
    }

    void moduleHierarchyAndParams()
    {
        const auto l = load("resnet18_traced.pt", "1,3,224,224");
        const OpGraph& g = l.model.graph();
        QCOMPARE(g.modules.front().path, std::string());
        QCOMPARE(g.modules.front().type, std::string("ResNet"));
        QCOMPARE(g.totalParamCount(), int64_t(11689512)); // torchvision's published figure
        const ModuleInfo* block = g.module("layer1.0");
        QVERIFY(block);
        QCOMPARE(block->type, std::string("BasicBlock"));
        QVERIFY(!block->leaf);
        QCOMPARE(block->children,
            (std::vector<std::string> {
                "layer1.0.conv1", "layer1.0.bn1", "layer1.0.relu", "layer1.0.conv2", "layer1.0.bn2" }));
        // 2 convs of 64x64x3x3 and 2 BNs of 64 weights + 64 biases.
        QCOMPARE(block->total_param_count, int64_t(2 * 64 * 64 * 9 + 2 * 128));
        const ModuleInfo* relu = g.module("layer1.0.relu");
        QCOMPARE(relu->calls.size(), size_t(2)); // ReLU is called twice per block
        QCOMPARE(node(g, "layer1.0.relu.1").call_index, 1);
    }
};

QTEST_GUILESS_MAIN(TestEdgeCaseModels)
#include "tst_edge_case_models.moc"
