// SPDX-License-Identifier: MIT
// prunescope-cli with --rules strict: the groups and their differences from NNI in the
// summary and the JSON, and fix-masks naming the layers a group forces.
#include "cli_run.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace prunescope::test;

namespace {

QString model(const char* name) { return QString::fromStdString(fixture(name)); }

void writeText(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

// pw's filters 1 and 5 pruned; dw and dw2 are not named (strict_models.py's depthwise chain).
const QByteArray kPwMask
    = R"({"pw": {"shape": [8, 3, 1, 1], "kept_output_channels": [0, 2, 3, 4, 6, 7], "bias": true}})";

} // namespace

class TestStrictCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void analyzeStrictPrintsGroupsAndDifferences()
    {
        const QString json = m_dir.filePath("strict.json"), csv = m_dir.filePath("strict.csv");
        const Run run = cli({ "analyze", model("strict_depthwise_traced.pt"), "--input", "1,3,8,8", "--rules", "strict",
            "--json", json, "--csv", csv });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains("Group 1   pw, dw, dw2 (8 channels)"), qPrintable(run.out));
        QVERIFY(run.out.contains("dw (depthwise) is tied to pw; NNI v2.9 has no depthwise rule"));
        QVERIFY(run.out.contains("dw2 (depthwise) is tied to"));
        QVERIFY(run.out.contains("pw2: not prunable, it reaches the model's output"));
        const QJsonObject report = readJson(json);
        QCOMPARE(report["rules"].toString(), QString("strict"));
        const QJsonObject groups = report["pruning_groups"].toObject();
        QCOMPARE(groups["groups"].toArray().size(), 2);
        const QJsonObject first = groups["groups"].toArray()[0].toObject();
        QCOMPARE(first["root"].toString(), QString("pw"));
        QCOMPARE(first["channels"].toInt(), 8);
        QVERIFY(first["blocked"].isNull());
        QVERIFY(!groups["differences"].toArray().isEmpty());
        QVERIFY(report["timings"].toObject().contains("strict_groups"));
        // The CSV stays NNI's: depthwise convs are sets of their own there.
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!QString::fromUtf8(file.readAll()).contains("pw,dw"));
    }

    void analyzeDefaultsToNni()
    {
        const QString json = m_dir.filePath("nni.json");
        const Run run = cli({ "analyze", model("strict_depthwise_traced.pt"), "--input", "1,3,8,8", "--json", json });
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains("Channel dependency (prune type Filter)"));
        const QJsonObject report = readJson(json);
        QCOMPARE(report["rules"].toString(), QString("nni"));
        QVERIFY(!report.contains("pruning_groups"));
        QCOMPARE(cli({ "analyze", model("strict_depthwise_traced.pt"), "--rules", "loose" }).code, 2);
    }

    // The group forces the depthwise convs the masks did not name; the plan slices them
    // and sets their groups to the 6 channels kept.
    void fixMasksStrictNamesForcedLayers()
    {
        const QString masks = m_dir.filePath("pw.json"), out = m_dir.filePath("fixed.json"),
                      plan = m_dir.filePath("plan.json"), report = m_dir.filePath("fix.json");
        writeText(masks, kPwMask);
        const Run run = cli({ "fix-masks", model("strict_depthwise_traced.pt"), masks, "--input", "1,3,8,8", "--rules",
            "strict", "-o", out, "--plan", plan, "--json", report });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(QRegularExpression("dw +\\(new mask\\) re-enabled none; newly pruned 1,5")),
            qPrintable(run.out));
        QVERIFY(run.out.contains(QRegularExpression("dw2 +\\(new mask\\)")));
        QVERIFY(run.out.contains("Forced by the group of pw: bn (per_channel), bn2 (per_channel), pw2 (in_channels)"));
        const QJsonObject fixed = readJson(out);
        for (const char* layer : { "pw", "dw", "dw2" })
            QCOMPARE(fixed[layer].toObject()["kept_output_channels"].toArray().size(), 6);
        const QJsonObject p = readJson(plan);
        QCOMPARE(p["edits"].toArray().size(), 2);
        QCOMPARE(p["edits"].toArray()[0].toObject()["value"].toInt(), 6);
        QCOMPARE(readJson(report)["rules"].toString(), QString("strict"));
    }

    void planNeedsStrictRulesAndConsistentMasks()
    {
        const QString masks = m_dir.filePath("pw2.json"), out = m_dir.filePath("never.json"),
                      plan = m_dir.filePath("never-plan.json");
        writeText(masks, kPwMask);
        QCOMPARE(cli({ "fix-masks", model("strict_depthwise_traced.pt"), masks, "--input", "1,3,8,8", "-o", out,
                         "--plan", plan })
                     .code,
            2);
        // The fix keeps pw2's filters (they are the output); a plan of masks pruning them
        // is refused before any file is written.
        writeText(masks, R"({"pw2": {"shape": [4, 8, 1, 1], "kept_output_channels": [0, 1, 2], "bias": true}})");
        const Run run = cli({ "fix-masks", model("strict_depthwise_traced.pt"), masks, "--input", "1,3,8,8", "--rules",
            "strict", "-o", out, "--plan", plan });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains("stays, it reaches the model's output"), qPrintable(run.out));
        QCOMPARE(readJson(out)["pw2"].toObject()["kept_output_channels"].toArray().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestStrictCli)
#include "tst_strict_cli.moc"
