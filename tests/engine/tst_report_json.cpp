// SPDX-License-Identifier: MIT
// The JSON form is the one definition of the engine's structs across the worker
// boundary: for every model fixture, struct -> JSON -> struct gives the same struct,
// and reading the CLI's report gives what the engine computed.
#include "fixtures.h"
#include "struct_equal.h"

#include "prunescope/error.h"
#include "prunescope/graph_analyses.h"
#include "prunescope/json_parse.h"
#include "prunescope/json_types.h"
#include "prunescope/mask_io.h"
#include "prunescope/report.h"
#include "prunescope/version.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace prunescope;
using namespace prunescope::test;
using nlohmann::json;

namespace {

#ifdef PRUNESCOPE_SANITIZED
// Under the sanitizers the same JSON code runs on every micro-model, the small zoo files
// (detection's ssdlite, lraspp's dict outputs) and resnet18; the large graphs take minutes
// there and add no code path (tests/CMakeLists.txt).
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

ReportDocument documentOf(const Model& model, AnalysisReport analysis)
{
    ReportDocument doc;
    doc.generator = std::string("prunescope ") + kVersion;
    doc.model = summarize(model);
    doc.inputs = model.inputs();
    doc.graph = model.graph();
    doc.model_timings = model.timings();
    doc.analysis = std::move(analysis);
    return doc;
}

template <typename T> T roundTrip(const T& value)
{
    // Through the text, as the worker's reply travels: doubles must survive printing.
    return parseJson(json(value).dump()).get<T>();
}

} // namespace

class TestReportJson : public QObject {
    Q_OBJECT
private slots:
    void everyModelFixtureRoundTrips_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("inputs");
        QFile file(QString::fromStdString(fixture("fixtures.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject all = QJsonDocument::fromJson(file.readAll()).object();
        int leftOut = 0;
        for (auto it = all.begin(); it != all.end(); ++it) {
            const QJsonObject info = it.value().toObject();
            const QString source = info["source"].toString();
            // Models only: mask files and the strict micro-models' expectations are JSON too.
            if (source == "masks" || source == "bad" || !it.key().endsWith(".pt"))
                continue;
            if (kSanitized && QFileInfo(QString::fromStdString(fixture(it.key().toStdString()))).size() > (16 << 20)
                && !it.key().startsWith("resnet18_")) {
                ++leftOut;
                continue;
            }
            QStringList inputs;
            for (const auto& spec : info["inputs"].toArray())
                inputs << spec.toString();
            QTest::newRow(qPrintable(it.key())) << it.key() << inputs.join(';');
        }
        if (leftOut)
            qInfo("sanitized build: %d fixtures over 16 MB are round-tripped by the plain build only", leftOut);
    }

    void everyModelFixtureRoundTrips()
    {
        QFETCH(QString, file);
        QFETCH(QString, inputs);
        LoadOptions options;
        if (!inputs.isEmpty())
            options.inputs = parseInputSpecs(inputs.toStdString());
        Model model = [&] {
            try {
                return Model::load(fixture(file.toStdString()), options);
            } catch (const Error& e) {
                qFatal("%s does not load: %s", qPrintable(file), e.what());
            }
        }();
        const ReportDocument doc = documentOf(model, analyze(model.graph()));
        QVERIFY(!doc.graph.nodes.empty());
        const ReportDocument back = roundTrip(doc);
        QVERIFY2(differs(doc, back).empty(), differs(doc, back).c_str());
        // The report the CLI writes is that same JSON.
        QCOMPARE(reportJson(model, doc.analysis), json(doc));
        // Every FLOPs mode, and FLOPs with masks (every filter layer keeping its even filters).
        MaskSet masks;
        for (const auto& m : model.graph().modules)
            for (const auto& p : m.params)
                if (p.name == "weight" && !p.buffer && p.shape.size() >= 2
                    && (m.type == "Conv2d" || m.type == "Linear")) {
                    std::vector<bool> kept(static_cast<size_t>(p.shape[0]));
                    for (size_t c = 0; c < kept.size(); ++c)
                        kept[c] = c % 2 == 0;
                    masks[m.path] = LayerMask::keepChannels(p.shape, kept, false);
                }
        for (FlopsMode mode : { FlopsMode::Default, FlopsMode::Full, FlopsMode::Extended }) {
            for (const MaskSet* withMasks : std::initializer_list<const MaskSet*> { nullptr, &masks }) {
                const FlopsResult flops = countFlops(model.graph(), mode, withMasks);
                const FlopsResult flopsBack = roundTrip(flops);
                QVERIFY2(differs(flops, flopsBack).empty(),
                    qPrintable(QString("%1 %2: %3")
                                   .arg(flopsModeName(mode))
                                   .arg(withMasks ? "masked" : "plain")
                                   .arg(QString::fromStdString(differs(flops, flopsBack)))));
            }
        }
        if (!masks.empty()) {
            GraphAnalyses analyses(model.graph());
            const ConflictReport conflicts = findConflicts(analyses, masks);
            QVERIFY2(
                differs(conflicts, roundTrip(conflicts)).empty(), differs(conflicts, roundTrip(conflicts)).c_str());
        }
    }

    // The masks of resnet18's fixture: conflicts, fixes and mask states survive too.
    void conflictsFixesAndMaskStatesRoundTrip()
    {
        const Model model = Model::load(fixture("resnet18_traced.pt"));
        MaskSet masks = readMasks(fixture("masks_resnet18.pth"));
        GraphAnalyses analyses(model.graph());
        const ConflictReport before = findConflicts(analyses, masks);
        QCOMPARE(before.conflicts(), size_t(4)); // the four residual sets (see tst_masks)
        QVERIFY(differs(before, roundTrip(before)).empty());
        const std::vector<MaskFix> fixes = fixMaskConflicts(analyses, masks, Strategy::parse("intersection"));
        QVERIFY(!fixes.empty());
        const auto fixesBack = roundTrip(fixes);
        QCOMPARE(fixesBack.size(), fixes.size());
        for (size_t i = 0; i < fixes.size(); ++i) {
            QCOMPARE(fixesBack[i].kind, fixes[i].kind);
            QCOMPARE(fixesBack[i].set_index, fixes[i].set_index);
            QCOMPARE(fixesBack[i].strategy, fixes[i].strategy);
            QCOMPARE(fixesBack[i].changes.size(), fixes[i].changes.size());
            for (size_t c = 0; c < fixes[i].changes.size(); ++c) {
                const MaskChange& a = fixes[i].changes[c];
                const MaskChange& b = fixesBack[i].changes[c];
                QCOMPARE(b.layer, a.layer);
                QCOMPARE(b.created, a.created);
                QCOMPARE(b.dim, a.dim);
                QCOMPARE(b.reenabled, a.reenabled);
                QCOMPARE(b.newly_pruned, a.newly_pruned);
                QCOMPARE(b.sparsity_before, a.sparsity_before);
                QCOMPARE(b.sparsity_after, a.sparsity_after);
                QVERIFY(!b.before && b.after.weight.empty()); // described, not carried
            }
        }
        for (const auto& [layer, mask] : masks) {
            const MaskLayerState state = MaskLayerState::of(mask);
            QVERIFY(roundTrip(state) == state);
        }
        const ConflictSetRef ref { ConflictSet::Kind::Group, 3 };
        QVERIFY(roundTrip(ref) == ref);
    }

    // A ConvTranspose2d set whose masks have different channel counts keeps each
    // layer's width ("channels_of"), and a group set its own fields.
    void conflictSetWidthsSurvive()
    {
        ConflictSet set;
        set.index = 2;
        set.layers = { "a", "b", "c" };
        set.skipped = true;
        set.notice = "the layers' masks have different channel counts";
        set.kept = { { "a", { true, false, true } }, { "c", { false, true } } };
        ConflictReport report;
        report.sets = { set };
        QVERIFY2(differs(report, roundTrip(report)).empty(), differs(report, roundTrip(report)).c_str());
        QCOMPARE(json(set)["channels_of"], json({ { "c", 2 } }));
    }

    void tooDeepJsonIsRefused()
    {
        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        QVERIFY_THROWS_EXCEPTION(JsonError, parseJson(deep));
        const std::string fine = std::string(64, '[') + std::string(64, ']');
        QVERIFY(parseJson(fine).is_array());
        // Brackets inside strings do not count.
        QVERIFY(parseJson("{\"a\": \"" + std::string(1000, '[') + "\"}").is_object());
        QVERIFY_THROWS_EXCEPTION(JsonError, parseJson("{\"a\": 1e400}"));
    }
};

QTEST_GUILESS_MAIN(TestReportJson)
#include "tst_report_json.moc"
