// SPDX-License-Identifier: MIT
// Mask files and mask conflicts. Expected results are worked out by hand from NNI
// v2.9's mask_conflict.py (GroupMaskConflict, then ChannelMaskConflict with the union
// rule) or computed here independently from the input masks.
#include "fixtures.h"
#include "prunescope/error.h"
#include "prunescope/mask_conflict.h"
#include "prunescope/mask_io.h"
#include "prunescope/model.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace prunescope;
using namespace prunescope::test;

namespace {

Model open(const std::string& file, const std::string& input = "1,3,224,224")
{
    LoadOptions options;
    options.inputs = parseInputSpecs(input);
    return Model::load(fixture(file), options);
}

std::vector<bool> range(int64_t size, std::initializer_list<std::pair<int, int>> spans)
{
    std::vector<bool> kept(static_cast<size_t>(size), false);
    for (auto [from, to] : spans)
        for (int c = from; c <= to; ++c)
            kept[static_cast<size_t>(c)] = true;
    return kept;
}

Shape weightShape(const OpGraph& graph, const std::string& layer)
{
    for (const auto& p : graph.module(layer)->params)
        if (p.name == "weight")
            return p.shape;
    return {};
}

LayerMask filterMask(const OpGraph& graph, const std::string& layer, const std::vector<bool>& kept, bool bias = false)
{
    return LayerMask::keepChannels(weightShape(graph, layer), kept, bias);
}

const std::vector<std::string> kSet1 { "conv1", "layer1.0.conv2", "layer1.1.conv2" };

Error errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    return Error(ErrorKind::Internal, "<no error>");
}

int runPython(const QString& code, QString* output = nullptr)
{
    QProcess python;
    python.start(PRUNESCOPE_TORCH_PYTHON, { "-c", code });
    python.waitForFinished(120000);
    if (output)
        *output = QString::fromUtf8(python.readAllStandardOutput() + python.readAllStandardError());
    return python.exitCode();
}

} // namespace

class TestMasks : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void readsNniFilesAndWritesOnesTorchLoads()
    {
        const std::string input = fixture("masks_resnet18.pth");
        const Model model = open("resnet18_traced.pt");
        const MaskSet masks = readMasks(input);
        QCOMPARE(masks.size(), size_t(20)); // every Conv2d of resnet18
        validateMasks(masks, model.graph(), input);
        QCOMPARE(masks.at("conv1").shape, (Shape { 64, 3, 7, 7 }));
        QVERIFY(masks.at("conv1").isStructured(0));
        QVERIFY(!masks.at("conv1").has_bias); // resnet convs have no bias

        const QString ours = m_dir.filePath("ours.pth");
        writeMasks(ours.toStdString(), masks, MaskFormat::Nni);
        QCOMPARE(readMasks(ours.toStdString()), masks);
        // Python's torch.load reads it back as a dict of {weight: Tensor, bias: None},
        // with the same values as NNI's file.
        QString out;
        const QString check = QString("import torch\n"
                                      "a = torch.load('%1'); b = torch.load('%2')\n"
                                      "assert isinstance(b, dict) and set(a) == set(b)\n"
                                      "for k in a:\n"
                                      "    assert isinstance(b[k]['weight'], torch.Tensor)\n"
                                      "    assert torch.equal(a[k]['weight'].float(), b[k]['weight'])\n"
                                      "    assert b[k]['bias'] is None\n"
                                      "print('same', len(b))\n")
                                  .arg(QString::fromStdString(input), ours);
        QCOMPARE(runPython(check, &out), 0);
        QVERIFY2(out.contains("same 20"), qPrintable(out));

        const QString json = m_dir.filePath("ours.json");
        writeMasks(json.toStdString(), masks, MaskFormat::Json);
        QCOMPARE(readMasks(json.toStdString()), masks);
    }

    void jsonFormIsReadable()
    {
        MaskSet masks;
        masks["conv"] = LayerMask::keepChannels({ 5, 3, 1, 1 }, { true, false, true, false, false }, true);
        const std::string text = masksToJson(masks);
        // Filters 0 and 2 kept, as an index list.
        const auto parsed = nlohmann::json::parse(text);
        QVERIFY2(parsed["conv"]["kept_output_channels"] == nlohmann::json({ 0, 2 }), text.c_str());
        QVERIFY(text.find("\"weight\"") == std::string::npos); // whole channels: index lists only
        QCOMPARE(masksFromJson(text, "x.json"), masks);
        // A mask that is not whole channels is written element by element.
        masks["conv"].weight[1] = 0;
        const std::string fine = masksToJson(masks);
        QVERIFY(fine.find("\"weight\"") != std::string::npos);
        QCOMPARE(masksFromJson(fine, "x.json"), masks);
    }

    void badMaskFilesAreRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("values 0.5") << "masks_half_values.pth"
                                    << "contains 0.5; mask values must be 0 or 1";
        QTest::newRow("NaN") << "masks_nan.pth"
                             << "contains NaN";
        QTest::newRow("empty dict") << "masks_empty.pth"
                                    << "empty dict";
        QTest::newRow("a state_dict") << "not_a_module_state_dict.pt"
                                      << "not a dict with \"weight\" and \"bias\"";
        QTest::newRow("a TorchScript model") << "resnet18_traced.pt"
                                             << "ResNet object, not a dict";
        QTest::newRow("json syntax") << "bad.json"
                                     << "is not valid JSON";
        QTest::newRow("json not masks") << "list.json"
                                        << "not a mask file";
        QTest::newRow("missing") << "missing.pth"
                                 << "no such file";
    }
    void badMaskFilesAreRefused()
    {
        QFETCH(QString, file);
        QFETCH(QString, mentions);
        std::string path;
        if (file.endsWith(".json") || file == "missing.pth") {
            path = m_dir.filePath(file).toStdString();
            QFile f(QString::fromStdString(path));
            if (file != "missing.pth") {
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(file == "bad.json" ? "{\"conv\": {\"shape\": [5, 3," : "[1, 2, 3]");
            }
        } else {
            path = fixture(file.toStdString());
        }
        const Error e = errorOf([&] { readMasks(path); });
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path)), e.what());
        QVERIFY2(QString(e.what()).contains(mentions), e.what());
    }

    void masksForAnotherModelNameTheLayer()
    {
        const Model mobilenet = open("mobilenet_v2_traced.pt");
        const std::string path = fixture("masks_resnet18.pth");
        const Error unknown = errorOf([&] { validateMasks(readMasks(path), mobilenet.graph(), path); });
        QCOMPARE(unknown.kind(), ErrorKind::BadInput);
        QVERIFY2(QString(unknown.what()).contains("which this model does not have"), unknown.what());
        // Right name, wrong shape: resnet34's conv1 is the same, its layer1.0.conv1 too,
        // so use a hand-made mask with a wrong shape.
        const Model resnet = open("resnet18_traced.pt");
        MaskSet wrong;
        wrong["conv1"] = LayerMask::keepChannels({ 32, 3, 7, 7 }, std::vector<bool>(32, true), false);
        const Error shape = errorOf([&] { validateMasks(wrong, resnet.graph(), "m.pth"); });
        QVERIFY2(QString(shape.what()).contains("has shape [32, 3, 7, 7] but its weight has shape [64, 3, 7, 7]"),
            shape.what());
    }

    void unionMakesEverySetAgree_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("resnet18") << "resnet18";
        QTest::newRow("mobilenet_v2") << "mobilenet_v2";
    }
    void unionMakesEverySetAgree()
    {
        // Random L1-filter masks (fixtures): after the fix, every multi-layer dependency
        // set keeps, in every layer, the union of what its layers kept before.
        QFETCH(QString, model);
        const Model m = open(model.toStdString() + "_traced.pt");
        const MaskSet original = readMasks(fixture("masks_" + model.toStdString() + ".pth"));
        MaskSet masks = original;
        const auto fixes = fixMaskConflicts(m.graph(), masks);
        QVERIFY(!fixes.empty());
        for (const auto& set : channelDependency(m.graph()).sets) {
            if (set.size() < 2)
                continue;
            std::vector<bool> expected(static_cast<size_t>(original.at(set.front()).shape[0]), false);
            for (const auto& layer : set) {
                const auto kept = original.at(layer).kept(0);
                for (size_t c = 0; c < kept.size(); ++c)
                    expected[c] = expected[c] || kept[c];
            }
            for (const auto& layer : set)
                QCOMPARE(masks.at(layer).kept(0), expected);
        }
        QCOMPARE(findConflicts(m.graph(), masks).conflicts(), size_t(0));
        // Undoing every fix, last first, gives back the original masks exactly.
        for (auto it = fixes.rbegin(); it != fixes.rend(); ++it)
            it->undo(masks);
        QCOMPARE(masks, original);
    }

    void strategiesOnAThreeLayerSet_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<std::vector<bool>>("expected");
        // conv1 keeps 0-39, layer1.0.conv2 8-47, layer1.1.conv2 0-23 and 32-55.
        QTest::newRow("union") << "union" << range(64, { { 0, 55 } });
        QTest::newRow("intersection") << "intersection" << range(64, { { 8, 23 }, { 32, 39 } });
        // kept by at least two of three: 0-7 (conv1, l1.1), 8-23 (all), 24-31 (conv1,
        // l1.0), 32-39 (all), 40-47 (l1.0, l1.1); 48-55 only l1.1.
        QTest::newRow("majority") << "majority" << range(64, { { 0, 47 } });
        QTest::newRow("reference") << "reference:layer1.0.conv2" << range(64, { { 8, 47 } });
    }
    void strategiesOnAThreeLayerSet()
    {
        QFETCH(QString, strategy);
        QFETCH(std::vector<bool>, expected);
        const Model m = open("resnet18_traced.pt");
        MaskSet masks;
        masks["conv1"] = filterMask(m.graph(), "conv1", range(64, { { 0, 39 } }));
        masks["layer1.0.conv2"] = filterMask(m.graph(), "layer1.0.conv2", range(64, { { 8, 47 } }));
        masks["layer1.1.conv2"] = filterMask(m.graph(), "layer1.1.conv2", range(64, { { 0, 23 }, { 32, 55 } }));
        const MaskSet original = masks;
        const ConflictReport report = findConflicts(m.graph(), masks);
        QCOMPARE(report.conflicts(), size_t(1));
        QCOMPARE(report.sets.front().layers, kSet1);
        fixMaskConflicts(m.graph(), masks, Strategy::parse(strategy.toStdString()));
        for (const auto& layer : kSet1)
            QCOMPARE(masks.at(layer).kept(0), expected);
        // Per-set fix as an operation: preview, apply, undo.
        MaskSet again = original;
        const MaskFix fix
            = fixConflictSet(m.graph(), again, report.sets.front(), Strategy::parse(strategy.toStdString()));
        fix.apply(again);
        QCOMPARE(again, masks);
        fix.undo(again);
        QCOMPARE(again, original);
    }

    void changesAreReported()
    {
        const Model m = open("resnet18_traced.pt");
        MaskSet masks;
        masks["conv1"] = filterMask(m.graph(), "conv1", range(64, { { 0, 39 } }));
        masks["layer1.0.conv2"] = filterMask(m.graph(), "layer1.0.conv2", range(64, { { 8, 47 } }));
        // layer1.1.conv2 has no mask: it keeps every channel.
        MaskSet unionMasks = masks;
        const auto fixes = fixMaskConflicts(m.graph(), unionMasks);
        // Union with a layer that keeps everything keeps everything (NNI).
        QCOMPARE(unionMasks.at("conv1").kept(0), range(64, { { 0, 63 } }));
        QCOMPARE(unionMasks.count("layer1.1.conv2"), size_t(0));
        QCOMPARE(fixes.size(), size_t(1));
        const MaskChange& conv1 = fixes[0].changes[0];
        QCOMPARE(conv1.layer, std::string("conv1"));
        QCOMPARE(conv1.reenabled.size(), size_t(24));
        QCOMPARE(conv1.reenabled.front(), int64_t(40));
        QVERIFY(conv1.newly_pruned.empty());
        QCOMPARE(conv1.sparsity_before, 24.0 / 64.0);
        QCOMPARE(conv1.sparsity_after, 0.0);
        // Intersection prunes the unmasked layer too: it gets a new mask.
        MaskSet inter = masks;
        const auto interFixes = fixMaskConflicts(m.graph(), inter, Strategy::parse("intersection"));
        QCOMPARE(inter.at("layer1.1.conv2").kept(0), range(64, { { 8, 39 } }));
        bool created = false;
        for (const auto& c : interFixes[0].changes)
            created = created || (c.layer == "layer1.1.conv2" && !c.before && c.newly_pruned.size() == 32);
        QVERIFY(created);
        interFixes[0].undo(inter);
        QCOMPARE(inter, masks);
    }

    void groupedConvKeepsFiltersDivisible()
    {
        // grouped: c1 has 16 filters in groups of 4 (max_groups 4, min_groups 2), c0
        // must split in 4 too (max 4, min 1).
        const Model m = open("grouped_traced.pt", "1,3,8,8");
        auto pruned = [](const LayerMask& mask) {
            std::vector<int64_t> p;
            const auto kept = mask.kept(0);
            for (size_t i = 0; i < kept.size(); ++i)
                if (!kept[i])
                    p.push_back(static_cast<int64_t>(i));
            return p;
        };
        auto without = [&](const std::string& layer, const std::vector<int>& zeros) {
            std::vector<bool> kept(16, true);
            for (int z : zeros)
                kept[static_cast<size_t>(z)] = false;
            return filterMask(m.graph(), layer, kept, true);
        };
        // Pruned {0, 1, 4}: groups lose 2, 1, 0, 0 filters; each may lose only 0, so
        // all come back. c0's pruned filter 0 comes back the same way.
        MaskSet masks { { "c1", without("c1", { 0, 1, 4 }) }, { "c0", without("c0", { 0 }) } };
        QCOMPARE(findConflicts(m.graph(), masks).conflicts(), size_t(2));
        fixMaskConflicts(m.graph(), masks);
        QVERIFY(pruned(masks.at("c1")).empty());
        QVERIFY(pruned(masks.at("c0")).empty());
        // Unlike NNI, the bias of a re-enabled filter is re-enabled too.
        QCOMPARE(masks.at("c1").bias, std::vector<uint8_t>(16, 1));
        // One filter per group: already divisible.
        masks = { { "c1", without("c1", { 0, 4, 8, 12 }) } };
        QCOMPARE(findConflicts(m.graph(), masks).conflicts(), size_t(0));
        fixMaskConflicts(m.graph(), masks);
        QCOMPARE(pruned(masks.at("c1")), (std::vector<int64_t> { 0, 4, 8, 12 }));
        // Filters 0-7: the first half (a whole min_groups block) may go entirely.
        masks = { { "c1", without("c1", { 0, 1, 2, 3, 4, 5, 6, 7 }) } };
        fixMaskConflicts(m.graph(), masks);
        QCOMPARE(pruned(masks.at("c1")), (std::vector<int64_t> { 0, 1, 2, 3, 4, 5, 6, 7 }));
    }

    void batchnormMasksUseBatchnormSets()
    {
        const Model m = open("resnet18_traced.pt");
        auto bn = [](const std::vector<bool>& kept) {
            LayerMask mask;
            mask.shape = { 64 };
            for (bool k : kept)
                mask.weight.push_back(k ? 1 : 0);
            mask.has_bias = true;
            mask.bias = mask.weight;
            return mask;
        };
        MaskSet masks { { "bn1", bn(range(64, { { 0, 31 } })) }, { "layer1.0.bn2", bn(range(64, { { 16, 47 } })) },
            { "layer1.1.bn2", bn(range(64, { { 0, 15 } })) } };
        const ConflictReport report = findConflicts(m.graph(), masks);
        QCOMPARE(report.prune_type, PruneType::Batchnorm);
        QCOMPARE(report.conflicts(), size_t(1));
        fixMaskConflicts(m.graph(), masks);
        for (const char* layer : { "bn1", "layer1.0.bn2", "layer1.1.bn2" }) {
            QCOMPARE(masks.at(layer).kept(0), range(64, { { 0, 47 } }));
            QCOMPARE(masks.at(layer).bias, masks.at(layer).weight);
        }
    }

    void inputChannelMasksUseInputChannelSets()
    {
        // cat_dim1: a and b both read the 3-channel input. Masks on dim 1 (a keeps input
        // channels 0,1; b keeps 1,2) make NNI use InputChannelDependency; union: 0-2.
        const Model m = open("cat_dim1_traced.pt", "1,3,8,8");
        auto inputs = [&](const std::string& layer, std::vector<bool> kept) {
            const Shape shape = weightShape(m.graph(), layer);
            LayerMask mask;
            mask.shape = shape;
            for (int64_t o = 0; o < shape[0]; ++o)
                for (int64_t i = 0; i < shape[1]; ++i)
                    mask.weight.insert(
                        mask.weight.end(), static_cast<size_t>(shape[2] * shape[3]), kept[static_cast<size_t>(i)]);
            return mask;
        };
        MaskSet masks { { "a", inputs("a", { true, true, false }) }, { "b", inputs("b", { false, true, true }) } };
        const ConflictReport report = findConflicts(m.graph(), masks);
        QCOMPARE(report.prune_dim, 1);
        QCOMPARE(report.conflicts(), size_t(1));
        QCOMPARE(report.sets.front().disputed, (std::vector<int64_t> { 0, 2 }));
        fixMaskConflicts(m.graph(), masks);
        QCOMPARE(masks.at("a").kept(1), std::vector<bool>(3, true));
        QCOMPARE(masks.at("b").kept(1), std::vector<bool>(3, true));
    }

    void fineGrainedMasksAreSkippedWithANotice()
    {
        const Model m = open("resnet18_traced.pt");
        MaskSet masks;
        masks["conv1"] = filterMask(m.graph(), "conv1", range(64, { { 0, 63 } }));
        masks["conv1"].weight[5] = 0; // one weight element, not a whole filter
        masks["layer1.0.conv2"] = filterMask(m.graph(), "layer1.0.conv2", range(64, { { 0, 31 } }));
        const ConflictReport report = findConflicts(m.graph(), masks);
        QCOMPARE(report.sets.size(), size_t(1));
        QVERIFY(report.sets.front().skipped);
        QVERIFY(report.sets.front().notice.find("fine-grained") != std::string::npos);
        const MaskSet before = masks;
        QVERIFY(fixMaskConflicts(m.graph(), masks).empty());
        QCOMPARE(masks, before);
    }

    void strategyErrors()
    {
        QCOMPARE(errorOf([] { Strategy::parse("most"); }).kind(), ErrorKind::Usage);
        const Model m = open("resnet18_traced.pt");
        MaskSet masks { { "conv1", filterMask(m.graph(), "conv1", range(64, { { 0, 39 } })) } };
        const Error e = errorOf([&] { fixMaskConflicts(m.graph(), masks, Strategy::parse("reference:fc")); });
        QCOMPARE(e.kind(), ErrorKind::Usage);
        QVERIFY(QString(e.what()).contains("'fc' is not in this dependency set"));
    }
};

QTEST_GUILESS_MAIN(TestMasks)
#include "tst_masks.moc"
