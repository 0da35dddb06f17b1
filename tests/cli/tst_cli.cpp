// SPDX-License-Identifier: MIT
// prunescope-cli as a user runs it: exit codes, messages on stderr, files it writes.
#include "cli_run.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace prunescope::test;

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void helpVersionAndUsageErrors()
    {
        const Run help = cli({ "--help" });
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("analyze"));
        const Run version = cli({ "--version" });
        QCOMPARE(version.code, 0);
        QVERIFY(version.out.startsWith("prunescope-cli "));
        QCOMPARE(cli({}).code, 2);
        QCOMPARE(cli({ "analyze" }).code, 2); // MODEL is required
        QCOMPARE(cli({ "frobnicate" }).code, 2);
        const Run badShape
            = cli({ "analyze", QString::fromStdString(fixture("resnet18_traced.pt")), "--input", "1,,3" });
        QCOMPARE(badShape.code, 2);
        QVERIFY2(badShape.err.contains("\"1,,3\""), qPrintable(badShape.err));
        QCOMPARE(
            cli({ "analyze", QString::fromStdString(fixture("resnet18_traced.pt")), "--prune-type", "weights" }).code,
            2);
    }

    void analyzeWritesNniCsvAndJson()
    {
        QVERIFY(m_dir.isValid());
        const QString csv = m_dir.filePath("d.csv"), json = m_dir.filePath("r.json");
        const Run run = cli({ "analyze", QString::fromStdString(fixture("resnet18_scripted.pt")), "--csv", csv,
            "--json", json, "--timings" });
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains("Set 1   conv1, layer1.0.conv2, layer1.1.conv2"));
        QVERIFY(run.out.contains("Timings (ms)"));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(csvFile.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 14);
        QCOMPARE(rows[0], QString("Dependency Set,Convolutional Layers"));
        QCOMPARE(rows[2], QString("Set 2,layer1.0.conv1"));
        QCOMPARE(rows[13], QString("Set 13,fc"));

        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject report = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(report["format"].toString(), QString("prunescope-report/1"));
        QCOMPARE(report["inputs"].toArray()[0].toObject()["shape"].toArray().size(), 4);
        QCOMPARE(report["inputs"].toArray()[0].toObject()["dtype"].toString(), QString("float32"));
        QCOMPARE(report["channel_dependency"].toObject()["prune_type"].toString(), QString("Filter"));
        QCOMPARE(report["channel_dependency"].toObject()["sets"].toArray().size(), 13);
        QVERIFY(report["input_channel_dependency"].toObject()["sets"].isArray());
        QCOMPARE(report["group_dependency"].toObject()["conv1"].toObject()["max_groups"].toInt(), 1);
        QVERIFY(report["not_safe_to_prune"].isArray());
        QCOMPARE(report["model"].toObject()["params"].toInteger(), 11689512);
        const QJsonArray modules = report["modules"].toArray();
        QVERIFY(modules.size() > 60);
        QVERIFY(modules[0].toObject().contains("type") && modules[0].toObject().contains("params"));
        const QJsonObject graph = report["graph"].toObject();
        QVERIFY(graph["nodes"].toArray().size() > 60);
        QVERIFY(graph["edges"].toArray().size() > 60);
    }

    void listInputsForDetectionModels()
    {
        // A detection model takes List[Tensor]: '[3,320,320]' is one image, in the CLI as
        // in the app's Input Shape dialog (which hands the same text to the worker).
        const QString json = m_dir.filePath("ssdlite.json");
        const QString model = QString::fromStdString(fixture("ssdlite320_mobilenet_v3_large_scripted.pt"));
        const Run run = cli({ "analyze", model, "--input", "[3,320,320]", "--json", json });
        QCOMPARE(run.code, 0);
        QVERIFY2(
            run.out.contains("Input   list [3x320x320 float32]; shapes recorded on real tensors"), qPrintable(run.out));
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject report = QJsonDocument::fromJson(jsonFile.readAll()).object();
        const QJsonArray list = report["inputs"].toArray()[0].toObject()["list"].toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject()["shape"].toArray().size(), 3);
        QVERIFY(report["model"].toObject()["meta_fallback_reason"].toString().contains("aten::nonzero"));
        // One tensor where the model wants a list: the message shows the list syntax.
        const Run wrong = cli({ "analyze", model, "--input", "1,3,320,320" });
        QCOMPARE(wrong.code, 3);
        QVERIFY2(wrong.err.contains("is a List[Tensor]") && wrong.err.contains("--input '[3,320,320]'"),
            qPrintable(wrong.err));
    }

    void batchnormPruneType()
    {
        const Run run
            = cli({ "analyze", QString::fromStdString(fixture("resnet18_traced.pt")), "--prune-type", "batchnorm" });
        QCOMPARE(run.code, 0);
        // The BN after each tied conv is tied the same way.
        QVERIFY2(run.out.contains("bn1, layer1.0.bn2, layer1.1.bn2"), qPrintable(run.out));
    }

    void badModelsExitWith3AndAMessage_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("state_dict") << "not_a_module_state_dict.pt"
                                    << ""
                                    << "torch.jit.trace";
        QTest::newRow("pickled module") << "pickled_module.pt"
                                        << ""
                                        << "pickled nn.Module";
        QTest::newRow("wrong shape") << "resnet18_traced.pt"
                                     << "1,4,224,224"
                                     << "conv1 (Conv2d)";
        QTest::newRow("missing file") << ""
                                      << ""
                                      << "no such file";
    }

    void badModelsExitWith3AndAMessage()
    {
        QFETCH(QString, file);
        QFETCH(QString, input);
        QFETCH(QString, mentions);
        const QString path
            = file.isEmpty() ? m_dir.filePath("nope.pt") : QString::fromStdString(fixture(file.toStdString()));
        QStringList args { "analyze", path };
        if (!input.isEmpty())
            args << "--input" << input;
        const Run run = cli(args);
        QCOMPARE(run.code, 3);
        QVERIFY2(run.err.startsWith("prunescope-cli: error: " + path), qPrintable(run.err));
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY2(!run.err.contains("terminate called") && !run.err.contains("frame #"), qPrintable(run.err));
        QCOMPARE(run.err.count('\n'), 1); // one paragraph
    }

    void flopsPrintsNniTableAndBothParamCounts()
    {
        const Run run = cli({ "flops", QString::fromStdString(fixture("resnet50_traced.pt")) });
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains("| Index | Name"));
        QVERIFY(run.out.contains("FLOPs total: 4089184256"));
        QVERIFY(run.out.contains("#Params total: 25503912"));
        QVERIFY(run.out.contains("Model params (every parameter): 25,557,032"));
        const Run extended = cli({ "flops", QString::fromStdString(fixture("seed_two_conv_traced.pt")), "-i", "1,3,2,2",
            "--mode", "extended" });
        QCOMPARE(extended.code, 0);
        QVERIFY(extended.out.contains("Mode: extended (ours"));
        // The FLOPs column is titled MACs in extended mode (padded to its widest number).
        QVERIFY2(extended.out.contains(QRegularExpression("\\| +MACs +\\| +#Params +\\|")), qPrintable(extended.out));
    }

    void flopsWithJsonMasks()
    {
        // conv keeps filters 0 and 1: NNI's rule 124, after speedup 64 (see tst_flops).
        const QString masks = m_dir.filePath("m.json");
        QFile file(masks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"conv": {"shape": [5, 3, 1, 1], "kept_output_channels": [0, 1], "bias": true}})");
        file.close();
        const QString json = m_dir.filePath("f.json");
        const Run run = cli({ "flops", QString::fromStdString(fixture("seed_two_conv_traced.pt")), "-i", "1,3,2,2",
            "--masks", masks, "--json", json });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains("NNI's rule (remaining filters only): 124"), qPrintable(run.out));
        QVERIFY(run.out.contains("input channels): 64"));
        QFile out(json);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QJsonObject flops = QJsonDocument::fromJson(out.readAll()).object();
        QCOMPARE(flops["masked_total"].toInt(), 124);
        QCOMPARE(flops["effective_total"].toInt(), 64);
        // The same masks through analyze land in the report's "flops" object.
        const QString report = m_dir.filePath("r2.json");
        QCOMPARE(cli({ "analyze", QString::fromStdString(fixture("seed_two_conv_traced.pt")), "-i", "1,3,2,2",
                         "--masks", masks, "--json", report })
                     .code,
            0);
        QFile reportFile(report);
        QVERIFY(reportFile.open(QIODevice::ReadOnly));
        const QJsonObject r = QJsonDocument::fromJson(reportFile.readAll()).object();
        QCOMPARE(r["flops"].toObject()["mode"].toString(), QString("default"));
        QCOMPARE(r["flops"].toObject()["effective_total"].toInt(), 64);
        QCOMPARE(r["flops"].toObject()["layers"].toArray().size(), 2);
    }

    void masksForAnotherModelAreRefused()
    {
        const QString masks = m_dir.filePath("other.json");
        QFile file(masks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"layer9.conv": {"shape": [5, 3, 1, 1], "kept_output_channels": [0]}})");
        file.close();
        const Run run = cli(
            { "flops", QString::fromStdString(fixture("seed_two_conv_traced.pt")), "-i", "1,3,2,2", "--masks", masks });
        QCOMPARE(run.code, 3);
        QVERIFY2(run.err.contains("layer9.conv") && run.err.contains("another model"), qPrintable(run.err));
    }

    void masksReportAndFix()
    {
        const QString model = QString::fromStdString(fixture("resnet18_traced.pt"));
        const QString masks = QString::fromStdString(fixture("masks_resnet18.pth"));
        const Run report = cli({ "masks", model, masks });
        QCOMPARE(report.code, 0);
        QVERIFY2(report.out.contains("4 conflict(s)"), qPrintable(report.out));
        QVERIFY(report.out.contains("CONFLICT set 1: conv1, layer1.0.conv2, layer1.1.conv2"));

        const QString fixed = m_dir.filePath("fixed.pth"), changes = m_dir.filePath("changes.json");
        const Run fix = cli({ "fix-masks", model, masks, "-o", fixed, "--json", changes });
        QCOMPARE(fix.code, 0);
        QVERIFY(fix.out.contains("Wrote " + fixed));
        QFile json(changes);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject r = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(r["before"].toObject()["conflicts"].toInt(), 4);
        QCOMPARE(r["after"].toObject()["conflicts"].toInt(), 0);
        QCOMPARE(r["strategy"].toString(), QString("union"));
        QVERIFY(r["fixes"].toArray().size() >= 4);
        const QJsonObject change = r["fixes"].toArray()[0].toObject()["changes"].toArray()[0].toObject();
        QVERIFY(change.contains("reenabled") && change.contains("sparsity_after"));
        // The fixed file has no conflict left.
        QVERIFY(cli({ "masks", model, fixed }).out.contains("0 conflict(s)"));
        // JSON output by extension.
        const QString fixedJson = m_dir.filePath("fixed.json");
        QCOMPARE(cli({ "fix-masks", model, masks, "--strategy", "intersection", "-o", fixedJson }).code, 0);
        QVERIFY(cli({ "masks", model, fixedJson }).out.contains("0 conflict(s)"));
    }

    void fixMasksNeverOverwritesItsInputSilently()
    {
        const QString model = QString::fromStdString(fixture("resnet18_traced.pt"));
        const QString copy = m_dir.filePath("input.pth");
        QFile::remove(copy);
        QVERIFY(QFile::copy(QString::fromStdString(fixture("masks_resnet18.pth")), copy));
        const QByteArray before = [&] {
            QFile f(copy);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        const Run refused = cli({ "fix-masks", model, copy, "-o", copy });
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains("--overwrite-input"), qPrintable(refused.err));
        QFile f(copy);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        f.close();
        QCOMPARE(cli({ "fix-masks", model, copy, "-o", copy, "--overwrite-input" }).code, 0);
    }

    void badMasksWriteNothing()
    {
        const QString out = m_dir.filePath("never.pth");
        const Run run = cli({ "fix-masks", QString::fromStdString(fixture("seed_two_conv_traced.pt")),
            QString::fromStdString(fixture("masks_nan.pth")), "-i", "1,3,2,2", "-o", out });
        QCOMPARE(run.code, 3);
        QVERIFY2(run.err.contains("NaN"), qPrintable(run.err));
        QVERIFY(!QFile::exists(out));
    }

    void unwritableOutputIsAnIoError()
    {
        // The request is fine; the file system refuses it: exit 3, as for a bad file.
        const Run run = cli({ "analyze", QString::fromStdString(fixture("seed_two_conv_traced.pt")), "--input",
            "1,3,2,2", "--csv", m_dir.filePath("no/such/dir/d.csv") });
        QCOMPARE(run.code, 3);
        QVERIFY2(run.err.contains("cannot write"), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
