// SPDX-License-Identifier: MIT
// The strict pruning groups on micro-models, one per rule. The expected groups, their
// members' index maps and the reasoning live in fixtures/strict_models.py, which also
// proves them in PyTorch (it removes the listed units and runs the model) before it
// writes strict_expected.json; here the engine must find exactly those groups.
#include "fixtures.h"
#include "prunescope/error.h"
#include "prunescope/model.h"
#include "prunescope/pruning_groups.h"
#include "prunescope/strict_masks.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>

using namespace prunescope;
using namespace prunescope::test;
using nlohmann::json;

namespace {

json expectations()
{
    std::ifstream in(fixture("strict_expected.json"));
    return json::parse(in);
}

Model load(const std::string& file, const std::string& input)
{
    LoadOptions options;
    options.inputs = parseInputSpecs(input);
    return Model::load(fixture(file), options);
}

std::string memberKey(const GroupMember& m)
{
    std::string key = (m.module.empty() ? "" : m.module + ".") + m.name + ":" + std::to_string(m.dim);
    return m.groups > 1 ? key + "/" + std::to_string(m.groups) : key;
}

QString text(const std::set<std::string>& items)
{
    QStringList list;
    for (const auto& i : items)
        list << QString::fromStdString(i);
    return list.join(", ");
}

const PruningGroup* groupHolding(const StrictGroups& groups, const std::string& layer) { return groups.groupOf(layer); }

// Checks one fixture against its reasoned groups; returns an empty string when all hold.
QString compare(const StrictGroups& groups, const json& expected)
{
    if (groups.groups.size() != expected.at("groups").size())
        return QString("%1 groups, expected %2").arg(groups.groups.size()).arg(expected.at("groups").size());
    for (const auto& want : expected.at("groups")) {
        const auto layers = want.at("layers").get<std::vector<std::string>>();
        const PruningGroup* g = groupHolding(groups, layers.front());
        if (!g)
            return QString("no group holds %1").arg(QString::fromStdString(layers.front()));
        const auto got = g->layers();
        if (std::set<std::string>(got.begin(), got.end()) != std::set<std::string>(layers.begin(), layers.end()))
            return QString("group of %1 holds {%2}")
                .arg(QString::fromStdString(layers.front()), text(std::set<std::string>(got.begin(), got.end())));
        if (g->channels != want.at("channels").get<int64_t>())
            return QString("group of %1 has %2 channels").arg(QString::fromStdString(g->root)).arg(g->channels);
        if (want.at("blocked").is_null()) {
            if (!g->fixed_units.empty())
                return QString("group of %1 has fixed channels: %2")
                    .arg(QString::fromStdString(g->root), QString::fromStdString(g->fixed_reasons.front()));
        } else if (!g->blocked()
            || g->blocked_reason.find(want.at("blocked").get<std::string>()) == std::string::npos) {
            return QString("group of %1 should be blocked (%2), is: '%3'")
                .arg(QString::fromStdString(g->root), QString::fromStdString(want.at("blocked").get<std::string>()),
                    QString::fromStdString(g->blocked_reason));
        }
        if (want.contains("members")) {
            std::map<std::string, const GroupMember*> byKey;
            for (const auto& m : g->members)
                byKey[memberKey(m)] = &m;
            std::set<std::string> wantKeys, gotKeys;
            for (const auto& [key, map] : want.at("members").items()) {
                wantKeys.insert(key);
                auto found = byKey.find(key);
                if (found != byKey.end() && found->second->map.full() != map.get<std::vector<int>>())
                    return QString("member %1 of %2 has another index map")
                        .arg(QString::fromStdString(key), QString::fromStdString(g->root));
            }
            for (const auto& [key, m] : byKey)
                gotKeys.insert(key);
            if (wantKeys != gotKeys)
                return QString("members of %1: {%2}, expected {%3}")
                    .arg(QString::fromStdString(g->root), text(gotKeys), text(wantKeys));
        }
        for (const auto& kind : want.value("constraints", std::vector<std::string> {})) {
            const bool has = std::any_of(g->constraints.begin(), g->constraints.end(), [&](const GroupConstraint& c) {
                return (c.kind == GroupConstraint::Kind::Divisible ? "divisible" : "equal_per_block") == kind;
            });
            if (!has)
                return QString("group of %1 lacks a %2 constraint")
                    .arg(QString::fromStdString(g->root), QString::fromStdString(kind));
        }
    }
    return {};
}

// Masks that remove the expected units from every filter layer of the expected groups.
MaskSet masksRemoving(const OpGraph& graph, const StrictGroups& groups, const json& expected)
{
    MaskSet masks;
    for (const auto& want : expected.at("groups")) {
        const auto remove = want.value("remove", std::vector<int> {});
        if (remove.empty())
            continue;
        const PruningGroup* g = groups.groupOf(want.at("layers").front().get<std::string>());
        for (const auto& m : g->members) {
            const ModuleInfo* module = graph.module(m.module);
            if (m.role != MemberRole::OutChannels || !module)
                continue;
            Shape shape;
            bool bias = false;
            for (const auto& p : module->params) {
                shape = p.name == m.name ? p.shape : shape;
                bias = bias || (m.name == "weight" && p.name == "bias");
            }
            const std::vector<int> units = m.map.full();
            std::vector<bool> kept(units.size(), true);
            for (size_t i = 0; i < kept.size(); ++i)
                kept[i] = std::find(remove.begin(), remove.end(), units[i]) == remove.end();
            // A functional weight (in_proj_weight) is named by its path, as the JSON masks allow.
            const std::string key = m.name == "weight" ? m.module : m.module + "." + m.name;
            masks[key] = LayerMask::keepChannels(shape, kept, bias);
        }
    }
    return masks;
}

const TensorSlice* sliceOf(const PrunePlan& plan, const std::string& key)
{
    for (const auto& s : plan.slices) {
        std::string k = (s.module.empty() ? "" : s.module + ".") + s.name + ":" + std::to_string(s.dim);
        if (s.groups > 1)
            k += "/" + std::to_string(s.groups);
        if (k == key)
            return &s;
    }
    return nullptr;
}

} // namespace

class TestStrictGroups : public QObject {
    Q_OBJECT
private slots:
    void expectedGroups_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        const json all = expectations();
        for (const auto& [name, spec] : all.items()) {
            QTest::newRow((name + " traced").c_str())
                << QString::fromStdString(name + "_traced.pt") << QString::fromStdString(name);
            if (spec.at("scripted").get<bool>())
                QTest::newRow((name + " scripted").c_str())
                    << QString::fromStdString(name + "_scripted.pt") << QString::fromStdString(name);
        }
    }

    void expectedGroups()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        const json spec = expectations().at(name.toStdString());
        const Model model = load(file.toStdString(), spec.at("input").get<std::string>());
        const StrictGroups groups = strictGroups(model.graph());
        const QString problem = compare(groups, spec);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + " -- why: " + QString::fromStdString(spec.at("why"))));
    }

    // The plan for masks removing the expected units slices every member at exactly the
    // indices of those units, and nothing else.
    void planSlicesTheExpectedMembers_data() { expectedGroups_data(); }

    void planSlicesTheExpectedMembers()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        const json spec = expectations().at(name.toStdString());
        const Model model = load(file.toStdString(), spec.at("input").get<std::string>());
        const StrictGroups groups = strictGroups(model.graph());
        const MaskSet masks = masksRemoving(model.graph(), groups, spec);
        const PrunePlan plan = prunePlan(model.graph(), groups, masks);
        std::map<std::string, std::set<int64_t>> removed; // member key -> indices
        std::map<std::string, size_t> sizes;
        for (const auto& want : spec.at("groups")) {
            const auto remove = want.value("remove", std::vector<int> {});
            if (remove.empty())
                continue;
            for (const auto& [key, map] : want.at("members").items()) {
                const auto units = map.get<std::vector<int>>();
                sizes[key] = units.size();
                for (size_t i = 0; i < units.size(); ++i)
                    if (std::find(remove.begin(), remove.end(), units[i]) != remove.end())
                        removed[key].insert(static_cast<int64_t>(i));
            }
        }
        QCOMPARE(plan.slices.size(), removed.size());
        for (const auto& [key, gone] : removed) {
            const TensorSlice* slice = sliceOf(plan, key);
            QVERIFY2(slice, key.c_str());
            for (int64_t i : gone)
                QVERIFY2(!std::binary_search(slice->kept.begin(), slice->kept.end(), i), key.c_str());
            QVERIFY2(slice->kept.size() + gone.size() == sizes[key], key.c_str());
        }
    }

    // Constant edits, by reasoning on each model's code.
    void planEditsTheConstantsThatCountChannels()
    {
        const json all = expectations();
        auto planOf = [&](const std::string& name, const std::string& variant) {
            const json& spec = all.at(name);
            const Model model = load(name + "_" + variant + ".pt", spec.at("input").get<std::string>());
            const StrictGroups groups = strictGroups(model.graph());
            return prunePlan(model.graph(), groups, masksRemoving(model.graph(), groups, spec));
        };
        for (const char* variant : { "traced", "scripted" }) {
            // Two of 8 channels go: both depthwise convs run with groups 6.
            const PrunePlan dw = planOf("strict_depthwise", variant);
            QCOMPARE(dw.edits.size(), size_t(2));
            for (const auto& e : dw.edits) {
                QCOMPARE(e.argument, std::string("groups"));
                QCOMPARE(e.value, int64_t(6));
                QVERIFY(e.node == "dw" || e.node == "dw2");
            }
            // Units 1 of the first piece (3 channels) and 4, 6 of the second (5): split [2, 3].
            const PrunePlan split = planOf("strict_unequal_split", variant);
            QCOMPARE(split.edits.size(), size_t(2));
            for (const auto& e : split.edits) {
                // The schema's name: aten::split_with_sizes (traced) or aten::split (scripted).
                QVERIFY(e.argument == (e.op == "aten::split" ? "split_size" : "split_sizes"));
                QCOMPARE(e.value, e.element == 0 ? int64_t(2) : int64_t(3));
            }
            // LayerNorm(8) loses one channel: normalized_shape [7].
            const PrunePlan ln = planOf("strict_channels_last", variant);
            QCOMPARE(ln.edits.size(), size_t(1));
            QCOMPARE(ln.edits[0].argument, std::string("normalized_shape"));
            QCOMPARE(ln.edits[0].value, int64_t(7));
            // Sizes read at run time or inferred (-1) need no edit; a grouped conv keeps its 4 groups.
            for (const char* name : { "strict_shuffle", "strict_size0_view", "strict_flatten", "strict_grouped" })
                QVERIFY2(planOf(name, variant).edits.empty(), name);
        }
    }

    // Every graph value that carries a removed channel is silenced at those indices: on
    // the depthwise chain, pw's, dw's and dw2's outputs (and what BN and ReLU make of
    // them) carry units 1 and 5 on dim 1.
    void planSilencesEveryValueCarryingRemovedChannels()
    {
        const json spec = expectations().at("strict_depthwise");
        const Model model = load("strict_depthwise_traced.pt", spec.at("input").get<std::string>());
        const StrictGroups groups = strictGroups(model.graph());
        const PrunePlan plan = prunePlan(model.graph(), groups, masksRemoving(model.graph(), groups, spec));
        std::set<std::string> producers;
        for (const auto& s : plan.silenced) {
            QCOMPARE(s.dim, 1);
            QCOMPARE(s.removed, (std::vector<int64_t> { 1, 5 }));
            producers.insert(
                model.graph()
                    .nodes[static_cast<size_t>(model.graph().values[static_cast<size_t>(s.value)].producer)]
                    .unique_name);
        }
        QCOMPARE(producers, (std::set<std::string> { "pw", "bn", "aten::relu", "dw", "bn2", "dw2" }));
    }

    // The JSON form (README) reads back into the same groups: index maps as runs, fixed
    // units as ranges.
    void jsonRoundTrip_data() { expectedGroups_data(); }

    void jsonRoundTrip()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        const json spec = expectations().at(name.toStdString());
        const Model model = load(file.toStdString(), spec.at("input").get<std::string>());
        const StrictGroups groups = strictGroups(model.graph());
        // Through the text, as a reader of the report gets it.
        const StrictGroups back = json::parse(json(groups).dump()).get<StrictGroups>();
        QCOMPARE(back.groups.size(), groups.groups.size());
        for (size_t i = 0; i < groups.groups.size(); ++i) {
            const PruningGroup& a = groups.groups[i];
            const PruningGroup& b = back.groups[i];
            QCOMPARE(b.root, a.root);
            QCOMPARE(b.channels, a.channels);
            QCOMPARE(b.blocked_reason, a.blocked_reason);
            QCOMPARE(b.fixed_units, a.fixed_units);
            QCOMPARE(b.fixed_reasons, a.fixed_reasons);
            QCOMPARE(b.members.size(), a.members.size());
            for (size_t k = 0; k < a.members.size(); ++k) {
                QCOMPARE(memberKey(b.members[k]), memberKey(a.members[k]));
                QCOMPARE(b.members[k].map.full(), a.members[k].map.full());
                QCOMPARE(b.members[k].role, a.members[k].role);
            }
            QCOMPARE(b.constraints.size(), a.constraints.size());
            for (size_t k = 0; k < a.constraints.size(); ++k) {
                QCOMPARE(b.constraints[k].kind, a.constraints[k].kind);
                QCOMPARE(b.constraints[k].blocks, a.constraints[k].blocks);
                QCOMPARE(b.constraints[k].divisor, a.constraints[k].divisor);
                QCOMPARE(b.constraints[k].node, a.constraints[k].node);
            }
            QCOMPARE(b.tied_by, a.tied_by);
            QCOMPARE(b.ties.size(), a.ties.size());
            for (size_t k = 0; k < a.ties.size(); ++k)
                QCOMPARE(b.ties[k].node + " " + b.ties[k].rule + " " + b.ties[k].first + " " + b.ties[k].second,
                    a.ties[k].node + " " + a.ties[k].rule + " " + a.ties[k].first + " " + a.ties[k].second);
            QCOMPARE(b.notes, a.notes);
        }
        QCOMPARE(back.blocked_ops.size(), groups.blocked_ops.size());
        for (size_t k = 0; k < groups.blocked_ops.size(); ++k) {
            QCOMPARE(back.blocked_ops[k].op, groups.blocked_ops[k].op);
            QCOMPARE(back.blocked_ops[k].layers, groups.blocked_ops[k].layers);
        }
        QCOMPARE(back.not_safe_to_prune.size(), groups.not_safe_to_prune.size());
    }

    void planRefusesBadMasks()
    {
        const json spec = expectations().at("strict_depthwise");
        const Model model = load("strict_depthwise_traced.pt", spec.at("input").get<std::string>());
        const StrictGroups groups = strictGroups(model.graph());
        const MaskSet good = masksRemoving(model.graph(), groups, spec);
        auto refuses = [&](const MaskSet& masks, const std::string& word) {
            try {
                prunePlan(model.graph(), groups, masks);
            } catch (const Error& e) {
                return e.kind() == ErrorKind::BadInput && std::string(e.what()).find(word) != std::string::npos;
            }
            return false;
        };
        // dw keeps filter 1 that pw removes: they go together.
        MaskSet disagree = good;
        disagree["dw"]
            = LayerMask::keepChannels({ 8, 1, 3, 3 }, { true, true, true, true, true, false, true, true }, true);
        QVERIFY(refuses(disagree, "disagree"));
        // Every filter of the group.
        MaskSet all;
        for (const char* layer : { "pw", "dw", "dw2" })
            all[layer] = LayerMask::keepChannels(good.at(layer).shape, std::vector<bool>(8, false), true);
        QVERIFY(refuses(all, "every filter"));
        // pw2's filters reach the model's output.
        MaskSet output = good;
        output["pw2"] = LayerMask::keepChannels({ 4, 8, 1, 1 }, { true, false, true, true }, true);
        QVERIFY(refuses(output, "must stay"));
    }
};

QTEST_GUILESS_MAIN(TestStrictGroups)
#include "tst_strict_groups.moc"
