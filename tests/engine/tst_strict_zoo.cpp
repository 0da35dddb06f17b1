// SPDX-License-Identifier: MIT
// The strict pruning groups on torchvision models. Expected values come from the
// architectures (torchvision's source: which conv feeds which, what cat concatenates in
// which order) and from NNI v2.9's answers where its rules are right.
#include "fixtures.h"
#include "prunescope/dependency.h"
#include "prunescope/error.h"
#include "prunescope/mask_conflict.h"
#include "prunescope/mask_io.h"
#include "prunescope/model.h"
#include "prunescope/pruning_groups.h"
#include "prunescope/strict_masks.h"

#include <QtTest>

#include <map>
#include <memory>
#include <set>

using namespace prunescope;
using namespace prunescope::test;

namespace {

struct Analysed {
    std::unique_ptr<Model> model;
    StrictGroups groups;
};

// Each fixture is loaded and analysed once per run.
const Analysed& analysed(const std::string& file)
{
    static std::map<std::string, Analysed> cache;
    auto found = cache.find(file);
    if (found != cache.end())
        return found->second;
    Analysed a;
    a.model = std::make_unique<Model>(Model::load(fixture(file)));
    a.groups = strictGroups(a.model->graph());
    return cache.emplace(file, std::move(a)).first->second;
}

const char* const kZoo[] = { "resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_large", "efficientnet_b0",
    "efficientnet_b3", "mnasnet0_5", "regnet_x_400mf", "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "densenet121",
    "convnext_tiny", "vit_b_16", "swin_t", "vgg11_bn" };

const std::set<std::string> kFilterTypes { "Conv2d", "Linear", "ConvTranspose2d" };

std::string keyOf(const GroupMember& m)
{
    return m.module + "." + m.name + ":" + std::to_string(m.dim) + (m.groups > 1 ? "/" + std::to_string(m.groups) : "");
}

const GroupMember* memberOf(const PruningGroup& g, const std::string& module, const std::string& name, int dim)
{
    return g.member(module, name, dim);
}

// The parts of a group that must not depend on how the model was exported.
std::string signature(const PruningGroup& g)
{
    std::set<std::string> parts;
    for (const auto& m : g.members) {
        std::string map;
        for (int u : m.map.full())
            map += std::to_string(u) + ",";
        parts.insert(keyOf(m) + "=" + map);
    }
    std::string s = std::to_string(g.channels) + (g.blocked() ? " blocked" : "") + " fixed";
    for (int u : g.fixed_units)
        s += " " + std::to_string(u);
    for (const auto& c : g.constraints) {
        s += c.kind == GroupConstraint::Kind::Divisible ? " divisible" : " equal";
        for (const auto& b : c.blocks)
            s += " " + std::to_string(b.size());
    }
    for (const auto& p : parts)
        s += "\n" + p;
    return s;
}

MaskSet masksFor(const std::string& file, const OpGraph& graph)
{
    MaskSet masks = readMasks(fixture(file));
    validateMasks(masks, graph, file);
    return masks;
}

} // namespace

class TestStrictZoo : public QObject {
    Q_OBJECT
private slots:
    // Every conv and linear layer that runs has its filters in exactly one group; a
    // group that cannot be pruned says why.
    void everyLayerInOneGroup_data()
    {
        QTest::addColumn<QString>("model");
        for (const char* m : kZoo)
            QTest::newRow(m) << QString(m);
    }

    void everyLayerInOneGroup()
    {
        QFETCH(QString, model);
        const Analysed& a = analysed(model.toStdString() + "_traced.pt");
        std::map<std::string, int> holders;
        for (const auto& g : a.groups.groups) {
            for (const auto& layer : g.layers())
                holders[layer]++;
            QVERIFY2(g.fixed_units.size() == g.fixed_reasons.size(), g.root.c_str());
            for (const auto& reason : g.fixed_reasons)
                QVERIFY2(!reason.empty(), g.root.c_str());
            QVERIFY(g.channels > 0);
        }
        for (const auto& module : a.model->graph().modules) {
            if (!kFilterTypes.count(module.type) || module.calls.empty())
                continue;
            QVERIFY2(holders[module.path] == 1,
                (module.path + " is in " + std::to_string(holders[module.path]) + " groups").c_str());
        }
        // A classifier's logits are the model's interface.
        const auto& graph = a.model->graph();
        const OpNode* last = nullptr;
        for (const auto& n : graph.nodes)
            if (kFilterTypes.count(n.op_type))
                last = &n;
        QVERIFY(last);
        const PruningGroup* head = a.groups.groupOf(last->name);
        QVERIFY2(head && head->blocked(), last->name.c_str());
    }

    // torchvision's InvertedResidual: features.1 is dw -> project; features.2-17 are
    // expand (conv.0.0) -> dw (conv.1.0) -> project. A depthwise conv's filter c reads
    // only channel c of the conv feeding it: they are one group.
    void mobilenetV2DepthwiseTiedToItsInput_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("traced") << "mobilenet_v2_traced.pt";
        QTest::newRow("scripted") << "mobilenet_v2_scripted.pt";
    }

    void mobilenetV2DepthwiseTiedToItsInput()
    {
        QFETCH(QString, file);
        const Analysed& a = analysed(file.toStdString());
        auto sameGroup = [&](const std::string& x, const std::string& y) {
            const PruningGroup* gx = a.groups.groupOf(x);
            return gx && gx == a.groups.groupOf(y);
        };
        QVERIFY(sameGroup("features.1.conv.0.0", "features.0.0"));
        for (int block = 2; block <= 17; ++block) {
            const std::string prefix = "features." + std::to_string(block) + ".conv.";
            QVERIFY2(sameGroup(prefix + "1.0", prefix + "0.0"), prefix.c_str());
            // The depthwise conv's groups follow the channels kept.
            const bool edit = std::any_of(a.groups.edits.begin(), a.groups.edits.end(),
                [&](const EditSite& e) { return e.node == prefix + "1.0" && e.argument == "groups"; });
            QVERIFY2(edit, prefix.c_str());
        }
        // The difference from NNI v2.9, with its reason.
        const auto nni = channelDependency(a.model->graph());
        const auto diffs = rulesDifferences(a.model->graph(), a.groups, nni, notSafeToPrune(a.model->graph()));
        const bool listed = std::any_of(diffs.begin(), diffs.end(), [](const RulesDifference& d) {
            return d.reason
                == "features.1.conv.0.0 (depthwise) is tied to features.0.0; NNI v2.9 has no depthwise rule";
        });
        QVERIFY(listed);
    }

    // ShuffleNetV2: block 0 of a stage concatenates branch1 and branch2 and shuffles them
    // (view 2 x C/2, transpose): branch1's channel j and branch2's channel j stay
    // neighbours, so they go together. Later blocks keep the first half (x1) of the
    // shuffled stream and concatenate their own branch2: through the next shuffle their
    // last conv joins the same group.
    void shufflenetShuffleTies()
    {
        const Analysed& a = analysed("shufflenet_v2_x1_0_traced.pt");
        const std::map<int, int> blocks { { 2, 4 }, { 3, 8 }, { 4, 4 } };
        for (const auto& [stage, count] : blocks) {
            const std::string s = "stage" + std::to_string(stage) + ".";
            const PruningGroup* g = a.groups.groupOf(s + "0.branch1.2");
            QVERIFY2(g, s.c_str());
            QVERIFY(g == a.groups.groupOf(s + "0.branch2.5"));
            for (int b = 1; b < count; ++b)
                QVERIFY2(g == a.groups.groupOf(s + std::to_string(b) + ".branch2.5"), s.c_str());
            const bool tie = std::any_of(g->ties.begin(), g->ties.end(),
                [&](const GroupTie& t) { return t.rule == "channel split by view" && t.node == s + "0.aten::view"; });
            QVERIFY2(tie, s.c_str());
        }
    }

    // DenseNet: layer k of a block reads cat(init, out_1, ..., out_{k-1}), so channel i of
    // layer j's conv2 is input init + growth*(j-1) + i of norm1 and conv1 of every later
    // layer and of the block's transition (norm5 after the last block). Scripted, every
    // layer's cat reads the one `features` list the block appends to: the same offsets
    // hold only if each cat sees the list as it was when it ran.
    void densenetCatOffsets_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("traced") << "densenet121_traced.pt";
        QTest::newRow("scripted") << "densenet121_scripted.pt";
    }

    void densenetCatOffsets()
    {
        QFETCH(QString, file);
        const Analysed& a = analysed(file.toStdString());
        QVERIFY(a.groups.blocked_ops.empty());
        const int layers[] = { 6, 12, 24, 16 };
        int init = 64;
        for (int block = 1; block <= 4; ++block) {
            const std::string b = "features.denseblock" + std::to_string(block) + ".denselayer";
            const int n = layers[block - 1];
            for (int j = 1; j <= n; ++j) {
                const PruningGroup* g = a.groups.groupOf(b + std::to_string(j) + ".conv2");
                QVERIFY(g);
                QCOMPARE(g->channels, int64_t(32));
                const int64_t offset = init + 32 * (j - 1);
                std::vector<std::pair<std::string, std::string>> readers;
                for (int k = j + 1; k <= n; ++k) {
                    readers.emplace_back(b + std::to_string(k) + ".norm1", "weight");
                    readers.emplace_back(b + std::to_string(k) + ".conv1", "weight");
                }
                readers.emplace_back(
                    block < 4 ? "features.transition" + std::to_string(block) + ".norm" : std::string("features.norm5"),
                    "weight");
                for (const auto& [module, name] : readers) {
                    const int dim = module.find("conv1") != std::string::npos ? 1 : 0;
                    const GroupMember* m = memberOf(*g, module, name, dim);
                    QVERIFY2(m, (module + " in group of layer " + std::to_string(j)).c_str());
                    const std::vector<int> units = m->map.full();
                    for (size_t i = 0; i < units.size(); ++i) {
                        const auto idx = static_cast<int64_t>(i);
                        const int want = idx >= offset && idx < offset + 32 ? static_cast<int>(idx - offset) : -1;
                        QCOMPARE(units[i], want);
                    }
                }
            }
            init = (init + 32 * n) / 2; // the transition halves the channels
        }
    }

    // Where NNI v2.9's rules are right (residual adds, plain chains, concatenations that
    // tie nothing), the strict groups partition the layers as NNI's sets do.
    void strictEqualsNniWhereNniIsRight_data()
    {
        QTest::addColumn<QString>("model");
        for (const char* m :
            { "resnet18", "resnet50", "densenet121", "vgg11_bn", "googlenet", "squeezenet1_1", "alexnet" })
            QTest::newRow(m) << QString(m);
    }

    void strictEqualsNniWhereNniIsRight()
    {
        QFETCH(QString, model);
        const Analysed& a = analysed(model.toStdString() + "_traced.pt");
        const auto nni = channelDependency(a.model->graph());
        LayerSets strictSets;
        std::set<std::string> nniLayers;
        for (const auto& set : nni.sets)
            nniLayers.insert(set.begin(), set.end());
        for (const auto& g : a.groups.groups) {
            std::vector<std::string> layers;
            for (const auto& l : g.layers())
                if (nniLayers.count(l))
                    layers.push_back(l);
            if (!layers.empty())
                strictSets.push_back(layers);
        }
        QCOMPARE(describe(partition(strictSets)), describe(partition(nni.sets)));
    }

    // Traced and scripted exports give the same groups (ViT is left out: its scripted
    // attention checks that the embedding is 768, which the trace does not keep).
    void scriptedEqualsTraced_data()
    {
        QTest::addColumn<QString>("model");
        for (const char* m : { "resnet18", "mobilenet_v2", "mobilenet_v3_large", "efficientnet_b0", "mnasnet0_5",
                 "regnet_x_400mf", "shufflenet_v2_x0_5", "densenet121", "convnext_tiny", "squeezenet1_1", "swin_t" })
            QTest::newRow(m) << QString(m);
    }

    void scriptedEqualsTraced()
    {
        QFETCH(QString, model);
        const Analysed& t = analysed(model.toStdString() + "_traced.pt");
        const Analysed& s = analysed(model.toStdString() + "_scripted.pt");
        QCOMPARE(s.groups.groups.size(), t.groups.groups.size());
        for (size_t i = 0; i < t.groups.groups.size(); ++i)
            QCOMPARE(QString::fromStdString(signature(s.groups.groups[i])),
                QString::fromStdString(signature(t.groups.groups[i])));
    }

    // Random conflicting masks on every conv and linear layer: the strict fix gives masks
    // the pruning plan accepts, and they prune something.
    void strictFixGivesMasksThePlanAccepts_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("strategy");
        for (const char* m : kZoo)
            QTest::newRow(m) << QString(m) << "union";
        QTest::newRow("resnet50 intersection") << "resnet50"
                                               << "intersection";
        QTest::newRow("shufflenet_v2_x1_0 majority") << "shufflenet_v2_x1_0"
                                                     << "majority";
        QTest::newRow("regnet_x_400mf intersection") << "regnet_x_400mf"
                                                     << "intersection";
    }

    void strictFixGivesMasksThePlanAccepts()
    {
        QFETCH(QString, model);
        QFETCH(QString, strategy);
        const Analysed& a = analysed(model.toStdString() + "_traced.pt");
        MaskSet masks = masksFor("masks_all_" + model.toStdString() + ".json", a.model->graph());
        const MaskSet before = masks;
        const StrictFix fix
            = fixMasksStrict(a.model->graph(), a.groups, masks, Strategy::parse(strategy.toStdString()));
        QVERIFY(fix.conflicts > 0); // random masks disagree somewhere
        PrunePlan plan;
        try {
            plan = prunePlan(a.model->graph(), a.groups, masks);
        } catch (const Error& e) {
            QFAIL(e.what());
        }
        QVERIFY(!plan.slices.empty());
        QVERIFY(!plan.silenced.empty());
        // The fix never prunes a filter the masks kept under union.
        if (strategy == "union")
            for (const auto& [layer, mask] : masks)
                if (before.count(layer)) {
                    const auto was = before.at(layer).kept(0), now = mask.kept(0);
                    for (size_t i = 0; i < was.size(); ++i)
                        QVERIFY2(!was[i] || now[i], layer.c_str());
                }
    }

    // Where NNI's rules are right, the strict fix is NNI's fix, mask for mask.
    void strictFixEqualsNniFix_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("masks");
        QTest::newRow("resnet18 L1") << "resnet18"
                                     << "masks_resnet18.pth";
        for (const char* m : { "resnet18", "densenet121", "vgg11_bn" })
            QTest::newRow(m) << QString(m) << QString("masks_conv_") + m + ".json";
    }

    void strictFixEqualsNniFix()
    {
        QFETCH(QString, model);
        QFETCH(QString, masks);
        const Analysed& a = analysed(model.toStdString() + "_traced.pt");
        MaskSet nni = masksFor(masks.toStdString(), a.model->graph());
        MaskSet strict = nni;
        fixMaskConflicts(a.model->graph(), nni, Strategy {});
        fixMasksStrict(a.model->graph(), a.groups, strict, Strategy {});
        QCOMPARE(strict.size(), nni.size());
        for (const auto& [layer, mask] : nni)
            QVERIFY2(strict.count(layer) && strict.at(layer) == mask, layer.c_str());
    }
};

QTEST_GUILESS_MAIN(TestStrictZoo)
#include "tst_strict_zoo.moc"
