// SPDX-License-Identifier: MIT
// The worker's model.prune (Export Pruned Model… in the app) against `prunescope-cli
// prune`: the same file and figures for the same model and masks, per-layer FLOPs that
// the architecture gives, cancel leaving no file, refusals naming the op.
#include "fixtures.h"
#include "serve_worker.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace prunescope::test;

namespace {

QString model(const char* file) { return QString::fromStdString(fixture(file)); }

QByteArray bytesOf(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject readJson(const QString& file) { return QJsonDocument::fromJson(bytesOf(file)).object(); }

void writeText(const QString& file, const QByteArray& text)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// DwChain (tests/fixtures/prune_models.py): a (3->8, 3x3) -> bn_a -> dw (8 depthwise 3x3)
// -> bn_dw -> b (8->6, 1x1) on 8x8. Keeping filters 0, 2, 4, 6 of a and of dw (one group:
// dw's filters follow a's) halves a, bn_a, dw, bn_dw and b's input channels.
const QByteArray kDwMasks = R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [0, 2, 4, 6], "bias": true},
 "dw": {"shape": [8, 1, 3, 3], "kept_output_channels": [0, 2, 4, 6], "bias": true}})";

QJsonObject layerRow(const QJsonObject& flops, const QString& name)
{
    for (const auto& layer : flops["layers"].toArray())
        if (layer.toObject()["name"].toString() == name)
            return layer.toObject();
    return {};
}

} // namespace

class TestServePrune : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(name); }

    // A worker with the model open and the masks loaded.
    static bool prepare(ServeWorker& worker, const QString& file, const QString& inputs, const QString& masks)
    {
        const WorkerReply open = worker.call("open", { { "path", file }, { "inputs", inputs } });
        const WorkerReply load = worker.call("masks.load", { { "path", masks } });
        return open.ok() && load.ok();
    }

private slots:
    void workerWritesWhatTheCliWrites()
    {
        const QString masks = path("dw_masks.json");
        writeText(masks, kDwMasks);
        ServeWorker worker;
        QVERIFY(prepare(worker, model("prune_dw_chain_traced.pt"), "1,3,8,8", masks));
        const QString served = path("served.pt");
        const WorkerReply reply = worker.call("model.prune", { { "path", served }, { "latency_runs", 0 } });
        QVERIFY2(reply.ok(), qPrintable(reply.describe()));
        QVERIFY(!reply.progress.isEmpty());
        QCOMPARE(reply.progress.front()["stage"].toString(), "fix");
        QCOMPARE(reply.progress.back()["stage"].toString(), "write");

        const QString cliOut = path("cli.pt"), cliJson = path("cli.json");
        QProcess cli;
        cli.start(cliPath(),
            { "prune", model("prune_dw_chain_traced.pt"), masks, "--input", "1,3,8,8", "-o", cliOut, "--json", cliJson,
                "--latency-runs", "0" });
        QVERIFY(cli.waitForFinished(ServeWorker::kTimeoutMs));
        QCOMPARE(cli.exitCode(), 0);
        // The same pruning, saved by the same writer.
        QCOMPARE(bytesOf(served), bytesOf(cliOut));

        const QJsonObject r = reply.result(), c = readJson(cliJson);
        QCOMPARE(r["format"].toString(), "prunescope-prune/1");
        QCOMPARE(r["path"].toString(), served);
        QCOMPARE(r["output"].toString(), served);
        QVERIFY(r["verification"]["passed"].toBool());
        for (const char* side : { "before", "after" })
            for (const char* figure : { "params", "macs", "file_bytes" })
                QCOMPARE(r[side][figure].toInteger(), c[side][figure].toInteger());
        QCOMPARE(r["verification"]["max_abs"].toDouble(), c["verification"]["max_abs"].toDouble());
        QCOMPARE(r["masks"]["conflicts"].toInt(), c["masks"]["conflicts"].toInt());
        QCOMPARE(r["masks"]["strategy"].toString(), "union");
        // From the architecture: params a 3*8*9+8 = 224, bn_a 16, dw 8*9+8 = 80, bn_dw 16,
        // b 8*6+6 = 54: 390; with 4 of 8 filters: 112 + 8 + 40 + 8 + 30 = 198.
        QCOMPARE(r["before"]["params"].toInteger(), 390);
        QCOMPARE(r["after"]["params"].toInteger(), 198);

        // Per layer, in the session's mode (default, NNI's): a conv's FLOPs are its output
        // elements times its inputs per output: a 8*64*27 = 13,824, dw 8*64*9 = 4,608,
        // b 6*64*8 = 3,072; pruning halves each.
        const QJsonObject before = r["flops"]["before"].toObject(), after = r["flops"]["after"].toObject();
        QCOMPARE(before["mode"].toString(), "default");
        const struct {
            const char* layer;
            qint64 flops, params, flopsAfter, paramsAfter;
        } expected[] = { { "a", 13824, 224, 6912, 112 }, { "dw", 4608, 80, 2304, 40 }, { "b", 3072, 54, 1536, 30 } };
        for (const auto& e : expected) {
            QCOMPARE(layerRow(before, e.layer)["flops"].toInteger(), e.flops);
            QCOMPARE(layerRow(before, e.layer)["params"].toInteger(), e.params);
            QCOMPARE(layerRow(after, e.layer)["flops"].toInteger(), e.flopsAfter);
            QCOMPARE(layerRow(after, e.layer)["params"].toInteger(), e.paramsAfter);
        }
        // The session is as it was.
        const WorkerReply state = worker.call("masks.state");
        QVERIFY(state.ok());
        const QJsonObject now = state.result();
        QCOMPARE(now["session"]["masks"]["path"].toString(), masks);
    }

    void cancelLeavesNoFile()
    {
        const QString masks = path("dw_masks_cancel.json");
        writeText(masks, kDwMasks);
        ServeWorker worker;
        QVERIFY(prepare(worker, model("prune_dw_chain_traced.pt"), "1,3,8,8", masks));
        const QString out = path("cancelled.pt");
        // 10,000 timed runs per model and thread setting: seconds of latency measurement,
        // cancelled as soon as it starts.
        const int id = worker.send("model.prune", { { "path", out }, { "latency_runs", 10000 } });
        bool sent = false;
        const WorkerReply reply = worker.collect(id, [&](const QJsonObject& line) {
            if (!sent && line["stage"].toString() == QLatin1String("measure")) {
                worker.send("cancel", { { "id", id } });
                sent = true;
            }
        });
        QVERIFY(sent);
        QCOMPARE(reply.errorKind(), "cancelled");
        // The cancel's own answer came first, as the reader thread answers it at once.
        QCOMPARE(reply.others.size(), 1);
        QCOMPARE(reply.others.front()["result"].toObject()["cancelled"].toBool(), true);
        QVERIFY(!QFile::exists(out));
        QVERIFY(worker.call("masks.state").ok());
    }

    // A cancel that reaches the worker once the file is written is too late: the file stays
    // (it replaced the one at that path; removing it would lose both) and the answer is the
    // result. The hook holds the answer until the cancel has arrived.
    void aCancelAfterTheWriteIsTooLate()
    {
        const QString masks = path("dw_masks_late.json");
        writeText(masks, kDwMasks);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PRUNESCOPE_WORKER_CANCEL_AFTER_WRITE", "1");
        ServeWorker worker(env);
        QVERIFY(prepare(worker, model("prune_dw_chain_traced.pt"), "1,3,8,8", masks));
        const QString out = path("late.pt");
        writeText(out, "the user's previous file");
        const int id = worker.send("model.prune", { { "path", out }, { "latency_runs", 0 } });
        bool sent = false;
        const WorkerReply reply = worker.collect(id, [&](const QJsonObject& line) {
            if (!sent && line["stage"].toString() == QLatin1String("write") && line["fraction"].toDouble() >= 1.0) {
                worker.send("cancel", { { "id", id } });
                sent = true;
            }
        });
        QVERIFY(sent);
        QVERIFY2(reply.ok(), qPrintable(reply.errorKind()));
        QCOMPARE(reply.result()["path"].toString(), out);
        QVERIFY(reply.result()["verification"].toObject()["passed"].toBool());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(2), QByteArray("PK")); // the pruned TorchScript archive (a zip)
    }

    void refusalsNameTheOpAndWriteNothing()
    {
        ServeWorker worker;
        const QString masks = path("reshape_masks.json");
        writeText(masks, R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [0, 1, 2, 3], "bias": true}})");
        QVERIFY(prepare(worker, model("prune_constant_reshape_traced.pt"), "1,3,8,8", masks));
        const QString out = path("refused.pt");
        const WorkerReply reply = worker.call("model.prune", { { "path", out }, { "latency_runs", 0 } });
        QCOMPARE(reply.errorKind(), "bad_input");
        QVERIFY2(reply.errorMessage().contains(masks), qPrintable(reply.errorMessage()));
        QVERIFY2(reply.errorMessage().contains("aten::reshape"), qPrintable(reply.errorMessage()));
        QVERIFY2(reply.errorMessage().contains("Leave a out of the masks"), qPrintable(reply.errorMessage()));
        QVERIFY(!QFile::exists(out));

        // A mask that empties a layer.
        const QString emptied = path("emptied.json");
        writeText(emptied, R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [], "bias": true}})");
        QVERIFY(worker.call("masks.load", { { "path", emptied } }).ok());
        const WorkerReply empty = worker.call("model.prune", { { "path", out }, { "latency_runs", 0 } });
        QCOMPARE(empty.errorKind(), "bad_input");
        QVERIFY2(empty.errorMessage().contains("prunes all of its 8 filters"), qPrintable(empty.errorMessage()));
        QVERIFY(!QFile::exists(out));

        // Without masks, and over the model itself.
        ServeWorker bare;
        QVERIFY(bare.call("open", { { "path", model("prune_dw_chain_traced.pt") }, { "inputs", "1,3,8,8" } }).ok());
        QCOMPARE(bare.call("model.prune", { { "path", out } }).errorKind(), "usage");
        const QString dwMasks = path("dw_masks_self.json");
        writeText(dwMasks, kDwMasks);
        QVERIFY(bare.call("masks.load", { { "path", dwMasks } }).ok());
        const WorkerReply self = bare.call("model.prune", { { "path", model("prune_dw_chain_traced.pt") } });
        QCOMPARE(self.errorKind(), "usage");
        QVERIFY2(self.errorMessage().contains("input file"), qPrintable(self.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestServePrune)
#include "tst_serve_prune.moc"
