// SPDX-License-Identifier: MIT
// `prunescope-cli prune` as a user runs it: the report it prints and writes, and bad
// input (exit 3, the file and the layer or op named, no output file). Plans come from
// tst_prune (pruned/<model>.plan.json), whose hand-derived plans it checks in-process.
#include "cli_run.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace prunescope::test;

namespace {

QString model(const char* file) { return QString::fromStdString(fixture(file)); }
QString plan(const char* name) { return QStringLiteral(PRUNESCOPE_PRUNED_DIR "/") + name + ".plan.json"; }

} // namespace

class TestPruneCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(name); }

    // Exit 3, one message naming the file and `mentions`, and no output file.
    void expectBadInput(const QStringList& args, const QString& file, const QStringList& mentions)
    {
        const QString out = path("never.pt");
        const Run run = cli(QStringList { "prune" } + args + QStringList { "-o", out });
        QCOMPARE(run.code, 3);
        QVERIFY2(run.err.contains(file), qPrintable(run.err));
        for (const auto& m : mentions)
            QVERIFY2(run.err.contains(m), qPrintable(run.err));
        QVERIFY(!QFile::exists(out));
    }

private slots:
    void prunesWithAPlanAndReportsBeforeAfter()
    {
        const QString out = path("dw.pt"), json = path("dw.json");
        const Run run = cli({ "prune", model("prune_dw_chain_traced.pt"), "--input", "1,3,8,8", "--plan",
            plan("prune_dw_chain_traced"), "-o", out, "--json", json, "--latency-runs", "3" });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains("Verified on real tensors"), qPrintable(run.out));
        // tst_prune works these out by hand: 390 -> 246 params, 21,504 -> 13,440 MACs.
        QVERIFY2(run.out.contains(QRegularExpression("Parameters +390 +246 +-36.9%")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QRegularExpression("MACs \\(extended\\) +21,504 +13,440")), qPrintable(run.out));
        QVERIFY(run.out.contains("Latency, 1 thread"));
        QVERIFY(QFile::exists(out));
        const QJsonObject report = readJson(json);
        QCOMPARE(report["format"].toString(), "prunescope-prune/1");
        QCOMPARE(report["verification"]["passed"].toBool(), true);
        QCOMPARE(report["before"]["params"].toInt(), 390);
        QCOMPARE(report["after"]["params"].toInt(), 246);
        QCOMPARE(report["after"]["macs"].toInt(), 13440);
        QCOMPARE(report["after"]["file_bytes"].toInteger(), QFileInfo(out).size());
        QVERIFY(report["after"]["latency_ms_one_thread"].toDouble() > 0);
        for (const char* phase : { "load", "slice", "save", "verify", "measure", "write" })
            QVERIFY2(report["timings"].toObject().contains(phase), phase);
    }

    void prunesFromMasksAndWritesTheForcedLayers()
    {
        // Masks on `a` only, strategy intersection (a layer without a mask does not keep its
        // filters for the others, as it would with union, NNI's rule): a's filters 1, 4, 6
        // go. The depthwise conv dw has one filter per input channel, so its strict group is
        // a's: the masks applied must name dw with the same filters, and the pruned model is
        // tst_prune's hand plan (246 params).
        const QString masks = path("a.json"), fixed = path("fixed.json"), json = path("masks.json");
        QFile file(masks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [0, 2, 3, 5, 7], "bias": true}})");
        file.close();
        const QString out = path("from_masks.pt");
        const Run run = cli({ "prune", model("prune_dw_chain_scripted.pt"), masks, "--input", "1,3,8,8", "-o", out,
            "--fixed-masks", fixed, "--json", json, "--latency-runs", "0", "--strategy", "intersection" });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains("Wrote the masks applied to " + fixed), qPrintable(run.out));
        const QJsonObject applied = readJson(fixed);
        for (const char* layer : { "a", "dw" })
            QCOMPARE(applied[layer]["kept_output_channels"].toArray(), (QJsonArray { 0, 2, 3, 5, 7 }));
        const QJsonObject report = readJson(json);
        QCOMPARE(report["after"]["params"].toInt(), 246);
        QCOMPARE(report["masks"]["rules"].toString(), "strict");
        QVERIFY(QFile::exists(out));
    }

    void aScriptedLoopOutsideTheGroupIsPeeledAsTheAnalysisDid()
    {
        // a (3->8, 3x3) -> relu -> b (8->4, 1x1), then a loop of three `y * 0.5`. a keeps 5
        // of its 8 filters: 224 + 36 = 260 params before, 5*27+5 + 4*5+4 = 164 after. The
        // analysis peels the loop's first iteration; the pruner's own graph must too, or
        // the plan's node ids do not match (it refused as an internal error before).
        const QString masks = path("loop.json"), out = path("loop.pt"), json = path("loop_report.json");
        QFile file(masks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [0, 1, 2, 4, 6], "bias": true}})");
        file.close();
        for (const char* form : { "prune_loop_after_scripted.pt", "prune_loop_after_traced.pt" }) {
            QFile::remove(out);
            const Run run = cli({ "prune", model(form), masks, "--input", "1,3,8,8", "-o", out, "--json", json,
                "--latency-runs", "0" });
            QVERIFY2(run.code == 0, qPrintable(run.err));
            const QJsonObject report = readJson(json);
            QCOMPARE(report["verification"]["passed"].toBool(), true);
            QCOMPARE(report["before"]["params"].toInt(), 260);
            QCOMPARE(report["after"]["params"].toInt(), 164);
            QVERIFY(QFile::exists(out));
        }
    }

    void masksOnAGroupAConstantReshapeBlocksAreRefused()
    {
        // a's 8 channels are reshaped to the constant sizes [2, 4]: none can go.
        const QString masks = path("reshape.json");
        QFile file(masks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [0, 1, 2, 3, 4, 5], "bias": true}})");
        file.close();
        expectBadInput({ model("prune_constant_reshape_traced.pt"), masks, "--input", "1,3,8,8" }, masks,
            { "aten::reshape", "constant sizes", "in the model's own forward", "Leave a out of the masks" });
    }

    void masksOnAGroupAnOpWithoutARuleBlocksAreRefused()
    {
        // cumsum over the channels mixes them: the strict groups have no rule for it, so a's
        // channels cannot be followed to b and none of them may go.
        const QString masks = path("unknown.json");
        QFile file(masks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [0, 1, 2, 3, 4, 5], "bias": true}})");
        file.close();
        expectBadInput({ model("prune_unknown_op_traced.pt"), masks, "--input", "1,3,8,8" }, masks,
            { "aten::cumsum", "in the model's own forward", "Leave a out of the masks" });
    }

    void aPlanForAnotherModelIsRefused()
    {
        // The cat model's plan names modules the depthwise chain lacks (bn).
        expectBadInput(
            { model("prune_dw_chain_traced.pt"), "--input", "1,3,8,8", "--plan", plan("prune_cat_bn_traced") },
            model("prune_dw_chain_traced.pt"), { "nothing was written" });
    }

    void masksForAnotherModelAreRefused()
    {
        expectBadInput({ model("prune_dw_chain_traced.pt"), QString::fromStdString(fixture("masks_resnet18.pth")),
                           "--input", "1,3,8,8" },
            QString::fromStdString(fixture("masks_resnet18.pth")), { "conv1" });
    }

    void masksThatPruneEveryFilterAreRefused()
    {
        const QString masks = path("all.json");
        QFile file(masks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [], "bias": true}})");
        file.close();
        expectBadInput({ model("prune_dw_chain_traced.pt"), masks, "--input", "1,3,8,8" }, masks,
            { "prunes all of its 8 filters", "Keep at least one filter of a" });
    }

    void aForwardThatFailsAfterPruningNamesTheOp()
    {
        // The plan without its last slice (b's input channels): b gets 5 channels for 8.
        QJsonObject broken = readJson(plan("prune_dw_chain_traced"));
        QJsonArray slices = broken["slices"].toArray();
        slices.removeLast();
        broken["slices"] = slices;
        const QString planFile = path("broken.plan.json");
        QFile file(planFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(broken).toJson());
        file.close();
        expectBadInput({ model("prune_dw_chain_traced.pt"), "--input", "1,3,8,8", "--plan", planFile },
            model("prune_dw_chain_traced.pt"), { "aten::_convolution in module b" });
    }

    void aPlanNestedTooDeepIsRefusedNotACrash()
    {
        // 100,000 levels overflow the stack of a recursive JSON parser.
        const QString planFile = path("deep.plan.json");
        QFile file(planFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"slices\": " + QByteArray(100000, '[') + QByteArray(100000, ']') + "}");
        file.close();
        expectBadInput({ model("prune_dw_chain_traced.pt"), "--input", "1,3,8,8", "--plan", planFile }, planFile,
            { "not a pruning plan", "nested more than 64 levels deep" });
    }

    void usageErrors()
    {
        const QString m = model("prune_dw_chain_traced.pt");
        QCOMPARE(cli({ "prune", m, "-o", path("x.pt") }).code, 2); // neither masks nor plan
        QCOMPARE(cli({ "prune", m, QString::fromStdString(fixture("masks_resnet18.pth")), "--plan",
                         plan("prune_dw_chain_traced"), "-o", path("x.pt") })
                     .code,
            2);
        const Run overwrite = cli({ "prune", m, "--plan", plan("prune_dw_chain_traced"), "-o", m });
        QCOMPARE(overwrite.code, 2);
        QVERIFY2(overwrite.err.contains("is an input file"), qPrintable(overwrite.err));
        QVERIFY(!QFile::exists(path("x.pt")));
    }
};

QTEST_GUILESS_MAIN(TestPruneCli)
#include "tst_prune_cli.moc"
