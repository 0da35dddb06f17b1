// SPDX-License-Identifier: MIT
// `prunescope-cli serve`, the GUI's engine worker, driven as the GUI drives it: a real
// process, JSON lines written to its stdin and read from its stdout (protocol
// prunescope-serve/2, docs/protocol.md).
#include "fixtures.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace prunescope::test;

namespace {

constexpr int kTimeoutMs = 120000;

QString fixturePath(const char* name) { return QString::fromStdString(fixture(name)); }

// Every response of one request: its progress lines and the final line.
struct Reply {
    QList<QJsonObject> progress;
    QJsonObject final;
    bool ok() const { return final.contains("result"); }
    QJsonObject result() const { return final["result"].toObject(); }
    QString errorKind() const { return final["error"].toObject()["kind"].toString(); }
    QString errorMessage() const { return final["error"].toObject()["message"].toString(); }
    int conflicts() const { return result()["masks"].toObject()["conflicts"].toObject()["conflicts"].toInt(-1); }
    QJsonObject session() const { return result()["session"].toObject(); }
    QJsonObject masks() const { return session()["masks"].toObject(); }
};

class Worker {
public:
    explicit Worker(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        m_process.setProcessEnvironment(env);
        m_process.start(cliPath(), { "serve" });
    }
    ~Worker()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QProcess& process() { return m_process; }

    void writeLine(const QByteArray& line) { m_process.write(line + '\n'); }

    // The next line of output; empty when none comes in time.
    QByteArray readRaw(int timeoutMs = kTimeoutMs)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (!m_process.canReadLine()) {
            if (deadline.hasExpired() || !m_process.waitForReadyRead(int(deadline.remainingTime())))
                return {};
        }
        return m_process.readLine();
    }
    QJsonObject readLine(int timeoutMs = kTimeoutMs) { return QJsonDocument::fromJson(readRaw(timeoutMs)).object(); }
    qint64 lastBytes() const { return m_lastBytes; } // of the last final line collected

    // Sends a request and reads up to its final line. Every line read must carry `id`.
    Reply call(const QString& method, const QJsonObject& params = {}) { return collect(send(method, params)); }

    // Sends without waiting; returns the request's id.
    int send(const QString& method, const QJsonObject& params = {})
    {
        const int id = m_nextId++;
        const QJsonObject request { { "id", id }, { "method", method }, { "params", params } };
        writeLine(QJsonDocument(request).toJson(QJsonDocument::Compact));
        return id;
    }

    Reply collect(int id)
    {
        Reply reply;
        for (;;) {
            const QByteArray raw = readRaw();
            m_lastBytes = raw.size();
            const QJsonObject line = QJsonDocument::fromJson(raw).object();
            if (line.isEmpty() || line["id"].toInt(-1) != id) {
                reply.final
                    = { { "error", QJsonObject { { "kind", "test" }, { "message", "no reply for this id" } } } };
                return reply;
            }
            if (line["event"].toString() != "progress") {
                reply.final = line;
                return reply;
            }
            reply.progress.push_back(line);
        }
    }

private:
    QProcess m_process;
    int m_nextId = 1;
    qint64 m_lastBytes = 0;
};

QString describe(const Reply& reply)
{
    return QString::fromUtf8(QJsonDocument(reply.final).toJson(QJsonDocument::Compact).left(600));
}

QJsonObject openSeed(Worker& worker)
{
    const Reply reply
        = worker.call("open", { { "path", fixturePath("seed_two_conv_traced.pt") }, { "inputs", "1,3,2,2" } });
    return reply.ok() ? reply.result() : QJsonObject {};
}

QByteArray bytesOf(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QProcessEnvironment withHook(const char* hook, const char* method)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(hook, method);
    return env;
}

} // namespace

class TestServe : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void helloAndMalformedLinesKeepTheWorkerRunning()
    {
        Worker worker;
        const Reply hello = worker.call("hello");
        QVERIFY2(hello.ok(), qPrintable(describe(hello)));
        QCOMPARE(hello.result()["protocol"].toString(), QString("prunescope-serve/2"));
        QVERIFY(!hello.result()["version"].toString().isEmpty());

        worker.writeLine("this is not json");
        QJsonObject line = worker.readLine();
        QVERIFY(line["id"].isNull());
        QCOMPARE(line["error"].toObject()["kind"].toString(), QString("usage"));
        worker.writeLine(R"({"method": "hello"})"); // no id
        line = worker.readLine();
        QVERIFY(line["id"].isNull());
        QCOMPARE(line["error"].toObject()["kind"].toString(), QString("usage"));
        worker.writeLine(R"({"id": 77, "method": "frobnicate"})");
        line = worker.readLine();
        QCOMPARE(line["id"].toInt(), 77);
        QCOMPARE(line["error"].toObject()["kind"].toString(), QString("usage"));
        QVERIFY(line["error"].toObject()["message"].toString().contains("frobnicate"));
        worker.writeLine(R"({"id": 78, "method": "open", "params": {"path": 5}})"); // wrong type
        line = worker.readLine();
        QCOMPARE(line["id"].toInt(), 78);
        QCOMPARE(line["error"].toObject()["kind"].toString(), QString("usage"));
        // params nested 100,000 objects deep crashed the worker (stack overflow): now a
        // usage error like any malformed line, and 30,000 the same.
        for (int depth : { 100000, 30000 }) {
            QByteArray deep = R"({"id": 79, "method": "hello", "params": )";
            for (int i = 0; i < depth; ++i)
                deep += R"({"a": )";
            deep += "1" + QByteArray(depth, '}') + "}";
            worker.writeLine(deep);
            line = worker.readLine();
            QCOMPARE(line["error"].toObject()["kind"].toString(), QString("usage"));
            QVERIFY2(line["error"].toObject()["message"].toString().contains("nested more than 64 levels"),
                qPrintable(line["error"].toObject()["message"].toString()));
        }

        // Methods that need a model say so instead of failing internally.
        QCOMPARE(worker.call("masks.state").errorKind(), QString("usage"));
        QCOMPARE(worker.call("masks.fix").errorKind(), QString("usage"));
        QVERIFY(worker.call("hello").ok());
        QCOMPARE(worker.process().state(), QProcess::Running);
    }

    void openReportsProgressThenTheReportAndTheSession()
    {
        Worker worker;
        const Reply reply = worker.call("open",
            { { "path", fixturePath("seed_two_conv_traced.pt") }, { "inputs", "1,3,2,2" }, { "flops_mode", "full" } });
        QVERIFY2(reply.ok(), qPrintable(describe(reply)));
        // Progress lines come first (collect() checked each carries the id), in order.
        QVERIFY(reply.progress.size() >= 2);
        QCOMPARE(reply.progress.front()["stage"].toString(), QString("load"));
        double last = -1.0;
        for (const auto& p : reply.progress) {
            const double fraction = p["fraction"].toDouble(-1.0);
            QVERIFY(fraction >= last && fraction <= 1.0);
            last = fraction;
        }
        const QJsonObject report = reply.result()["report"].toObject();
        QCOMPARE(report["format"].toString(), QString("prunescope-report/1"));
        QCOMPARE(reply.result()["worker"].toObject()["pid"].toInteger(), worker.process().processId());
        QStringList leaves;
        for (const auto& m : report["modules"].toArray())
            if (m.toObject()["leaf"].toBool())
                leaves << m.toObject()["name"].toString();
        QCOMPARE(leaves, QStringList({ "conv", "conv2" }));
        // Full mode counts the biases too: conv 5x4x3 + 5x4, conv2 5x4x5 + 5x4 (see tst_flops).
        QCOMPARE(report["flops"].toObject()["mode"].toString(), QString("full"));
        QCOMPARE(report["flops"].toObject()["total"].toInteger(), 200);
        // The session the app draws from: the model as asked, the settings, no masks.
        const QJsonObject session = reply.session();
        QCOMPARE(session["model"].toObject()["path"].toString(), fixturePath("seed_two_conv_traced.pt"));
        QCOMPARE(session["model"].toObject()["inputs"].toString(), QString("1,3,2,2"));
        QVERIFY(!session["model"].toObject()["graph_id"].toString().isEmpty());
        QCOMPARE(session["settings"].toObject()["flops_mode"].toString(), QString("full"));
        QCOMPARE(session["settings"].toObject()["prune_type"].toString(), QString("filter"));
        QCOMPARE(session["settings"].toObject()["rules"].toString(), QString("nni"));
        QVERIFY(session["masks"].isNull());
    }

    void aFailedOpenKeepsThePreviousModel()
    {
        Worker worker;
        const QJsonObject opened = openSeed(worker);
        QVERIFY(!opened.isEmpty());
        const QJsonObject session = opened["session"].toObject();
        const Reply bad = worker.call("open", { { "path", fixturePath("pickled_module.pt") } });
        QCOMPARE(bad.errorKind(), QString("bad_model"));
        QVERIFY2(bad.errorMessage().contains("pickled nn.Module"), qPrintable(bad.errorMessage()));
        // A bad input shape is refused the same way.
        const Reply shape
            = worker.call("open", { { "path", fixturePath("seed_two_conv_traced.pt") }, { "inputs", "1,4,2,2" } });
        QCOMPARE(shape.errorKind(), QString("bad_input"));
        QCOMPARE(worker.call("open", { { "path", "x.pt" }, { "inputs", "1,,3" } }).errorKind(), QString("usage"));
        QCOMPARE(worker.call("open", { { "path", "x.pt" }, { "rules", "lax" } }).errorKind(), QString("usage"));
        const Reply state = worker.call("masks.state");
        QVERIFY2(state.ok(), qPrintable(describe(state)));
        QCOMPARE(state.session(), session);
        QCOMPARE(state.result()["flops"].toObject()["total"].toInteger(), 160);
    }

    // A settings change answers with what it changed, not the whole report.
    void settingsChangesSendOnlyWhatChanged()
    {
        Worker worker;
        const Reply open = worker.call("open", { { "path", fixturePath("resnet18_traced.pt") } });
        QVERIFY(open.ok());
        const qint64 reportBytes = worker.lastBytes();
        const Reply bn = worker.call("session.set", { { "prune_type", "batchnorm" } });
        QVERIFY2(bn.ok(), qPrintable(describe(bn)));
        const qint64 bnBytes = worker.lastBytes();
        QCOMPARE(bn.session()["settings"].toObject()["prune_type"].toString(), QString("batchnorm"));
        const QJsonObject channel = bn.result()["channel_dependency"].toObject();
        QCOMPARE(channel["prune_type"].toString(), QString("Batchnorm"));
        QCOMPARE(channel["sets"].toArray()[0].toArray(), QJsonArray({ "bn1", "layer1.0.bn2", "layer1.1.bn2" }));
        QVERIFY(!bn.result().contains("flops") && !bn.result().contains("report") && !bn.result().contains("graph"));
        // The report of resnet18 is hundreds of kilobytes; the change, a few.
        QVERIFY2(bnBytes * 20 < reportBytes, qPrintable(QString("%1 vs %2").arg(bnBytes).arg(reportBytes)));
        const Reply mode = worker.call("session.set", { { "flops_mode", "extended" } });
        QVERIFY(mode.ok());
        QVERIFY(mode.result().contains("flops") && !mode.result().contains("channel_dependency"));
        QCOMPARE(mode.result()["flops"].toObject()["mode"].toString(), QString("extended"));
        // Setting what is already set changes nothing, and says so by sending nothing.
        const Reply same = worker.call("session.set", { { "flops_mode", "extended" }, { "prune_type", "batchnorm" } });
        QVERIFY(same.ok() && !same.result().contains("flops") && !same.result().contains("channel_dependency"));
        QCOMPARE(worker.call("session.set", { { "prune_type", "weights" } }).errorKind(), QString("usage"));
        QCOMPARE(worker.call("session.set", { { "rules", "lax" } }).errorKind(), QString("usage"));
    }

    // Strict rules in the worker: the groups are those of `analyze --rules strict --json`
    // (an independent path through the CLI), sent with the change to strict and with a
    // model opened under them, and not again when nothing changed them.
    void strictRulesSendThePruningGroups()
    {
        QVERIFY(m_dir.isValid());
        const QString model = fixturePath("mobilenet_v2_traced.pt");
        const QString cliJson = m_dir.filePath("mobilenet_v2_strict.json");
        QProcess cli;
        cli.start(cliPath(), { "analyze", model, "--rules", "strict", "--json", cliJson });
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject expected = QJsonDocument::fromJson(bytesOf(cliJson)).object()["pruning_groups"].toObject();
        QVERIFY(expected["groups"].toArray().size() > 1);

        Worker worker;
        QVERIFY(worker.call("open", { { "path", model } }).ok());
        const Reply set = worker.call("session.set", { { "rules", "strict" } });
        QVERIFY2(set.ok(), qPrintable(describe(set)));
        QCOMPARE(set.session()["settings"].toObject()["rules"].toString(), QString("strict"));
        const QJsonObject groups = set.result()["pruning_groups"].toObject();
        QCOMPARE(groups["groups"].toArray().size(), expected["groups"].toArray().size());
        QCOMPARE(groups["differences"].toArray().size(), expected["differences"].toArray().size());
        QCOMPARE(groups["not_safe_to_prune"].toArray().size(), expected["not_safe_to_prune"].toArray().size());
        // A depthwise conv's filters follow its input channels: features.1.conv.0.0
        // (32 groups of 1 over features.0.0's 32 channels) removes filter c exactly when
        // features.0.0 does, so its weight rows are out-channel members of features.0.0's group.
        bool tied = false;
        for (const auto& g : groups["groups"].toArray()) {
            if (g.toObject()["root"].toString() != "features.0.0")
                continue;
            for (const auto& m : g.toObject()["members"].toArray())
                tied = tied
                    || (m.toObject()["module"].toString() == "features.1.conv.0.0"
                        && m.toObject()["role"].toString() == "out_channels");
        }
        QVERIFY(tied);
        // Nothing changed the groups: not sent again. Back to nni: none either.
        const Reply same = worker.call("session.set", { { "rules", "strict" }, { "flops_mode", "extended" } });
        QVERIFY(same.ok() && !same.result().contains("pruning_groups"));
        const Reply nni = worker.call("session.set", { { "rules", "nni" } });
        QVERIFY(nni.ok() && !nni.result().contains("pruning_groups"));
        // A model opened under strict rules has them in its report, as analyze --json.
        const Reply open = worker.call("open", { { "path", model }, { "rules", "strict" } });
        QVERIFY2(open.ok(), qPrintable(describe(open)));
        const QJsonObject report = open.result()["report"].toObject();
        QCOMPARE(report["rules"].toString(), QString("strict"));
        QCOMPARE(report["pruning_groups"].toObject()["groups"].toArray().size(), expected["groups"].toArray().size());
    }

    // masks.fix under strict rules is fix-masks --rules strict: the same masks come out.
    void strictMasksFixMatchesTheCli()
    {
        QVERIFY(m_dir.isValid());
        const QString model = fixturePath("mobilenet_v2_traced.pt");
        const QString masks = fixturePath("masks_conv_mobilenet_v2.json");
        const QString cliOut = m_dir.filePath("cli_fixed.json");
        QProcess cli;
        cli.start(cliPath(), { "fix-masks", model, masks, "--rules", "strict", "-o", cliOut });
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        Worker worker;
        QVERIFY(worker.call("open", { { "path", model }, { "rules", "strict" } }).ok());
        const Reply load = worker.call("masks.load", { { "path", masks } });
        QVERIFY2(load.ok(), qPrintable(describe(load)));
        // The conv masks leave the depthwise convs unmasked: groups a pruner cannot apply.
        QVERIFY(load.conflicts() > 0);
        const Reply fix = worker.call("masks.fix");
        QVERIFY2(fix.ok(), qPrintable(describe(fix)));
        QCOMPARE(fix.conflicts(), 0); // fixed masks need no further fix
        // A depthwise conv no input mask named is forced with its group.
        QVERIFY(fix.result()["masks"].toObject()["layers"].toObject().contains("features.1.conv.0.0"));
        const QString saved = m_dir.filePath("serve_fixed.json");
        QVERIFY(worker.call("masks.save", { { "path", saved } }).ok());
        QCOMPARE(QJsonDocument::fromJson(bytesOf(saved)), QJsonDocument::fromJson(bytesOf(cliOut)));
    }

    // The worker once kept the FLOPs mode of a "flops" request apart from the one its
    // mask replies used: a mode chosen before loading masks was lost by the next fix.
    // seed_two_conv in full mode: 200 FLOPs; with conv keeping 2 of its 5 filters, NNI's
    // rule counts conv as 2 x 4 x 3 + 2 x 4 = 32 and conv2 unchanged 120: 152 (default
    // mode would give 160 and 124).
    void theFlopsModeHoldsForMaskReplies()
    {
        const QString masks = m_dir.filePath("seed_masks.json");
        QFile file(masks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"conv": {"shape": [5, 3, 1, 1], "kept_output_channels": [0, 1], "bias": true}})");
        file.close();
        Worker worker;
        QVERIFY(!openSeed(worker).isEmpty());
        QVERIFY(worker.call("session.set", { { "flops_mode", "full" } }).ok());
        const Reply load = worker.call("masks.load", { { "path", masks } });
        QVERIFY2(load.ok(), qPrintable(describe(load)));
        for (const Reply& reply :
            { load, worker.call("masks.fix"), worker.call("masks.undo"), worker.call("masks.state") }) {
            QVERIFY2(reply.ok(), qPrintable(describe(reply)));
            const QJsonObject flops = reply.result()["flops"].toObject();
            QCOMPARE(flops["mode"].toString(), QString("full"));
            QCOMPARE(flops["total"].toInteger(), 200);
            QCOMPARE(flops["masked_total"].toInteger(), 152);
        }
    }

    // The app asks for the "view" report: what it draws, without each node's aten ops, the
    // edges (the values give them) or the modules' parameter lists. report.export writes
    // the whole report, the one `prunescope-cli analyze --json` writes under the same
    // settings, timings aside.
    void viewReportLeavesOutWhatTheAppDoesNotDraw()
    {
        Worker worker;
        const Reply full = worker.call("open", { { "path", fixturePath("resnet18_traced.pt") } });
        QVERIFY(full.ok());
        const qint64 fullBytes = worker.lastBytes();
        const Reply view = worker.call("open", { { "path", fixturePath("resnet18_traced.pt") }, { "report", "view" } });
        QVERIFY2(view.ok(), qPrintable(describe(view)));
        const qint64 viewBytes = worker.lastBytes();
        const QJsonObject graph = view.result()["report"].toObject()["graph"].toObject();
        QVERIFY(!graph.contains("edges"));
        QVERIFY(!graph["nodes"].toArray().isEmpty());
        for (const auto& node : graph["nodes"].toArray())
            QVERIFY(!node.toObject().contains("ops"));
        for (const auto& module : view.result()["report"].toObject()["modules"].toArray())
            QVERIFY(!module.toObject().contains("parameters") && !module.toObject().contains("qualified_type"));
        // What stays is what the window needs: the same nodes, values and analyses.
        const QJsonObject fullReport = full.result()["report"].toObject();
        QCOMPARE(graph["values"], fullReport["graph"].toObject()["values"]);
        QCOMPARE(view.result()["report"].toObject()["channel_dependency"], fullReport["channel_dependency"]);
        QVERIFY2(viewBytes * 3 < fullBytes * 2, qPrintable(QString("%1 vs %2").arg(viewBytes).arg(fullBytes)));
        QCOMPARE(
            worker.call("open", { { "path", fixturePath("resnet18_traced.pt") }, { "report", "half" } }).errorKind(),
            QString("usage"));

        QVERIFY(worker.call("session.set", { { "prune_type", "batchnorm" }, { "flops_mode", "full" } }).ok());
        const QString exported = m_dir.filePath("exported.json"), cliJson = m_dir.filePath("cli.json");
        const Reply exportReply = worker.call("report.export", { { "path", exported } });
        QVERIFY2(exportReply.ok(), qPrintable(describe(exportReply)));
        QCOMPARE(exportReply.result()["path"].toString(), exported);
        QProcess cli;
        cli.start(cliPath(),
            { "analyze", fixturePath("resnet18_traced.pt"), "--prune-type", "batchnorm", "--flops-mode", "full",
                "--json", cliJson });
        QVERIFY(cli.waitForFinished(kTimeoutMs) && cli.exitCode() == 0);
        QJsonObject ours = QJsonDocument::fromJson(bytesOf(exported)).object();
        QJsonObject theirs = QJsonDocument::fromJson(bytesOf(cliJson)).object();
        QVERIFY(!ours.isEmpty() && ours.contains("timings"));
        ours.remove("timings");
        theirs.remove("timings");
        QCOMPARE(ours, theirs);
        // A directory that does not exist: an I/O error naming the file.
        const Reply bad = worker.call("report.export", { { "path", m_dir.filePath("no/such/dir/r.json") } });
        QCOMPARE(bad.errorKind(), QString("io"));
        QVERIFY2(bad.errorMessage().contains("no/such/dir/r.json"), qPrintable(bad.errorMessage()));
    }

    void masksLoadFixUndoRedoSaveExport()
    {
        QVERIFY(m_dir.isValid());
        // A copy, so that a refusal that failed could not damage the shared fixture.
        const QString input = m_dir.filePath("input.pth");
        QFile::remove(input);
        QVERIFY(QFile::copy(fixturePath("masks_resnet18.pth"), input));
        Worker worker;
        QVERIFY(worker.call("open", { { "path", fixturePath("resnet18_traced.pt") } }).ok());
        QCOMPARE(worker.call("masks.fix").errorKind(), QString("usage")); // no masks yet

        const Reply load = worker.call("masks.load", { { "path", input } });
        QVERIFY2(load.ok(), qPrintable(describe(load)));
        QCOMPARE(load.conflicts(), 4);
        QCOMPARE(load.masks()["conflicts"].toInt(), 4);
        QVERIFY(!load.masks()["modified"].toBool());
        QVERIFY(load.result()["masks"].toObject()["all_layers"].toBool());
        const QJsonObject conv1 = load.result()["masks"].toObject()["layers"].toObject()["conv1"].toObject();
        QCOMPARE(conv1["shape"].toArray(), QJsonArray({ 64, 3, 7, 7 }));
        QVERIFY(conv1["structured"].toBool());
        QVERIFY(conv1["kept"].toArray().size() < 64 && conv1["kept_inputs"].toArray().size() == 3);
        QVERIFY(load.result()["flops"].toObject().contains("effective_total"));

        // A preview changes nothing.
        const Reply preview = worker.call("masks.preview");
        QVERIFY(preview.ok() && preview.result()["fixes"].toArray().size() >= 4);
        QVERIFY(!preview.result().contains("fix_id") && !preview.result().contains("session"));
        QCOMPARE(worker.call("masks.state").conflicts(), 4);

        const Reply fix = worker.call("masks.fix");
        QVERIFY2(fix.ok(), qPrintable(describe(fix)));
        QCOMPARE(fix.result()["fix_id"].toInt(), 1);
        QCOMPARE(fix.conflicts(), 0);
        QVERIFY(fix.masks()["modified"].toBool());
        QCOMPARE(fix.masks()["applied"].toArray().size(), 1);
        QCOMPARE(fix.masks()["applied"].toArray()[0].toObject()["strategy"].toString(), QString("union"));
        QVERIFY(fix.result()["masks"].toObject()["layers"].toObject().contains("conv1"));
        QVERIFY(!fix.result()["masks"].toObject()["all_layers"].toBool());
        QCOMPARE(worker.call("masks.undo", { { "fix_id", 2 } }).errorKind(), QString("usage")); // not the latest
        const Reply undo = worker.call("masks.undo", { { "fix_id", 1 } });
        QCOMPARE(undo.result()["fix_id"].toInt(), 1);
        QCOMPARE(undo.conflicts(), 4);
        QCOMPARE(undo.result()["masks"].toObject()["layers"].toObject()["conv1"].toObject(), conv1); // restored
        QVERIFY(!undo.masks()["modified"].toBool()); // back where the file was
        QCOMPARE(undo.masks()["undone"].toArray().size(), 1);
        QCOMPARE(worker.call("masks.undo", { { "fix_id", 1 } }).errorKind(), QString("usage")); // nothing left
        const Reply redo = worker.call("masks.redo", { { "fix_id", 1 } });
        QCOMPARE(redo.conflicts(), 0);
        QCOMPARE(redo.masks()["applied"].toArray()[0].toObject()["id"].toInt(), 1);

        // The change report, both forms.
        const QString changes = m_dir.filePath("changes.json"), csv = m_dir.filePath("changes.csv");
        QVERIFY(worker.call("masks.export", { { "path", changes } }).ok());
        const QJsonObject report = QJsonDocument::fromJson(bytesOf(changes)).object();
        QCOMPARE(report["masks"].toString(), input);
        QCOMPARE(report["fixes"].toArray().size(), 1);
        QVERIFY(report["fixes"].toArray()[0].toArray().size() >= 4);
        QVERIFY(worker.call("masks.export", { { "path", csv } }).ok());
        QVERIFY(bytesOf(csv).startsWith("fix,kind,set,strategy,layer,created,"));

        // The fixed masks, saved and loaded back, have no conflict; saving clears "modified".
        const QString saved = m_dir.filePath("fixed.pth");
        const Reply save = worker.call("masks.save", { { "path", saved } });
        QVERIFY2(save.ok(), qPrintable(describe(save)));
        QCOMPARE(save.result()["path"].toString(), saved);
        QVERIFY(!save.masks()["modified"].toBool());
        QCOMPARE(save.masks()["saved"].toArray(), QJsonArray({ 1 }));
        const Reply reload = worker.call("masks.load", { { "path", saved } });
        QVERIFY2(reload.ok(), qPrintable(describe(reload)));
        QCOMPARE(reload.conflicts(), 0);
        QCOMPARE(reload.masks()["applied"].toArray(), QJsonArray()); // history forgotten

        // One set, another strategy: only that set is fixed.
        QCOMPARE(worker.call("masks.load", { { "path", input } }).conflicts(), 4);
        const QJsonObject set0 { { "kind", "channel" }, { "index", 0 } };
        const Reply one = worker.call("masks.fix", { { "strategy", "intersection" }, { "set", set0 } });
        QVERIFY2(one.ok(), qPrintable(describe(one)));
        QCOMPARE(one.result()["fix_id"].toInt(), 2);
        QCOMPARE(one.conflicts(), 3);
        QCOMPARE(one.masks()["applied"].toArray()[0].toObject()["set"].toObject(), set0);
        QCOMPARE(one.result()["fixes"].toArray()[0].toObject()["strategy"].toString(), QString("intersection"));
        QCOMPARE(worker.call("masks.fix", { { "set", QJsonObject { { "kind", "channel" }, { "index", 999 } } } })
                     .errorKind(),
            QString("usage"));
        QCOMPARE(
            worker.call("masks.fix", { { "set", QJsonObject { { "kind", "band" }, { "index", 0 } } } }).errorKind(),
            QString("usage"));

        // Never over the loaded file unless asked.
        const QByteArray before = bytesOf(input);
        const Reply refused = worker.call("masks.save", { { "path", input } });
        QCOMPARE(refused.errorKind(), QString("usage"));
        QVERIFY2(refused.errorMessage().contains("overwrite_input"), qPrintable(refused.errorMessage()));
        QCOMPARE(bytesOf(input), before);
        QVERIFY(worker.call("masks.save", { { "path", input }, { "overwrite_input", true } }).ok());
        const QString json = m_dir.filePath("fixed.json");
        QVERIFY(worker.call("masks.save", { { "path", json } }).ok());
        QCOMPARE(worker.call("masks.load", { { "path", json } }).conflicts(), 3);
        // A directory that does not exist: an I/O error, the worker goes on.
        QCOMPARE(
            worker.call("masks.save", { { "path", m_dir.filePath("no/such/dir/m.pth") } }).errorKind(), QString("io"));
    }

    // A fresh worker given the last session rebuilds it: the same model and settings,
    // the same masks with the same fix history (applied and undone), the same file saved.
    void restoreRebuildsTheSessionInAFreshWorker()
    {
        Worker first;
        QVERIFY(first.call("open", { { "path", fixturePath("resnet18_traced.pt") } }).ok());
        QVERIFY(first.call("session.set", { { "flops_mode", "full" }, { "prune_type", "batchnorm" } }).ok());
        QVERIFY(first.call("masks.load", { { "path", fixturePath("masks_resnet18.pth") } }).ok());
        const QJsonObject set0 { { "kind", "channel" }, { "index", 0 } };
        QVERIFY(first.call("masks.fix", { { "strategy", "intersection" }, { "set", set0 } }).ok());
        QVERIFY(first.call("masks.fix", { { "strategy", "majority" } }).ok());
        QVERIFY(first.call("masks.fix").ok());
        QVERIFY(first.call("masks.undo").ok());
        const Reply before = first.call("masks.state");
        QCOMPARE(before.masks()["applied"].toArray().size(), 2);
        QCOMPARE(before.masks()["undone"].toArray().size(), 1);
        const QString expected = m_dir.filePath("before_restore.json");
        QVERIFY(first.call("masks.save", { { "path", expected } }).ok());
        // Saved: the state to restore has nothing unsaved; one more undo makes it modified.
        QVERIFY(first.call("masks.undo").ok());
        const Reply last = first.call("masks.state");

        Worker fresh;
        const Reply restored = fresh.call("session.restore", { { "session", last.session() } });
        QVERIFY2(restored.ok(), qPrintable(describe(restored)));
        QCOMPARE(restored.session(), last.session());
        QVERIFY(!restored.result().contains("report")); // the same graph: the app keeps its own
        QCOMPARE(restored.result()["masks"].toObject(), last.result()["masks"].toObject());
        QCOMPARE(restored.result()["flops"].toObject(), last.result()["flops"].toObject());
        QVERIFY(!restored.result().contains("channel_dependency")); // nothing the app shows changed
        // Redo works on the rebuilt history, and gives what the first worker saved.
        QVERIFY(fresh.call("masks.redo").ok());
        const QString again = m_dir.filePath("after_restore.json");
        QVERIFY(fresh.call("masks.save", { { "path", again } }).ok());
        QCOMPARE(bytesOf(again), bytesOf(expected));
        // Fix ids go on from the restored ones.
        QCOMPARE(fresh.call("masks.fix").result()["fix_id"].toInt(), 4);

        // A session whose graph differs from the app's (another id) gets the report.
        QJsonObject other = last.session();
        QJsonObject model = other["model"].toObject();
        model["graph_id"] = "0";
        other["model"] = model;
        const Reply changed = Worker().call("session.restore", { { "session", other } });
        QVERIFY(changed.ok() && changed.result()["report"].toObject()["format"] == "prunescope-report/1");
        QCOMPARE(Worker().call("session.restore", { { "session", QJsonObject { { "model", 1 } } } }).errorKind(),
            QString("usage"));
    }

    // Cancel stops a request that is running (between two of its phases) or waiting,
    // without stopping the worker; what the request would have changed stays unchanged.
    void cancelIsCooperative()
    {
        Worker worker(withHook("PRUNESCOPE_WORKER_SLOW", "session.set")); // a two-minute phase
        const QJsonObject session = openSeed(worker)["session"].toObject();
        QVERIFY(!session.isEmpty());
        const qint64 pid = worker.process().processId();
        QElapsedTimer clock;
        clock.start();
        const int running = worker.send("session.set", { { "prune_type", "batchnorm" } });
        QCOMPARE(worker.readLine()["stage"].toString(), QString("test-slow")); // it is running
        const int waiting = worker.send("masks.state");
        const int cancelWaiting = worker.send("cancel", { { "id", waiting } });
        const int cancelRunning = worker.send("cancel", { { "id", running } });
        const int unknown = worker.send("cancel", { { "id", 999 } });
        QHash<int, QJsonObject> lines;
        while (lines.size() < 5) {
            const QJsonObject line = worker.readLine();
            QVERIFY(!line.isEmpty());
            lines.insert(line["id"].toInt(), line);
        }
        QVERIFY2(clock.elapsed() < 30000, "cancel did not stop the phase"); // far below its two minutes
        QCOMPARE(lines[cancelWaiting]["result"].toObject()["cancelled"].toBool(), true);
        QCOMPARE(lines[cancelRunning]["result"].toObject()["cancelled"].toBool(), true);
        QCOMPARE(lines[unknown]["result"].toObject()["cancelled"].toBool(), false);
        QCOMPARE(lines[running]["error"].toObject()["kind"].toString(), QString("cancelled"));
        QCOMPARE(lines[waiting]["error"].toObject()["kind"].toString(), QString("cancelled"));
        // The same worker, the same session.
        QCOMPARE(worker.process().processId(), pid);
        QCOMPARE(worker.process().state(), QProcess::Running);
        const Reply state = worker.call("masks.state");
        QVERIFY2(state.ok(), qPrintable(describe(state)));
        QCOMPARE(state.session(), session);
        QCOMPARE(worker.call("cancel").errorKind(), QString("usage")); // which request?
    }

    // The end of input (the app is gone) stops a running request instead of waiting for it.
    void endOfInputCancelsTheRunningRequest()
    {
        Worker worker(withHook("PRUNESCOPE_WORKER_SLOW", "hello"));
        worker.send("hello");
        QCOMPARE(worker.readLine()["stage"].toString(), QString("test-slow"));
        QElapsedTimer clock;
        clock.start();
        worker.process().closeWriteChannel();
        QVERIFY(worker.process().waitForFinished(30000));
        QVERIFY(clock.elapsed() < 30000);
        QCOMPARE(worker.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(worker.process().exitCode(), 0);
    }

    void abortHookCrashesTheWorkerAfterAProgressLine()
    {
        Worker worker(withHook("PRUNESCOPE_WORKER_ABORT", "open"));
        QVERIFY(worker.call("hello").ok()); // other methods are unaffected
        const Reply reply = worker.call("open", { { "path", fixturePath("seed_two_conv_traced.pt") } });
        QCOMPARE(reply.progress.size(), 1);
        QCOMPARE(reply.progress[0]["stage"].toString(), QString("test-abort"));
        QVERIFY(!reply.final.contains("result"));
        // collect() may already have seen the process end (waitForFinished is false then).
        QVERIFY(worker.process().state() == QProcess::NotRunning || worker.process().waitForFinished(kTimeoutMs));
        QVERIFY(worker.process().exitStatus() == QProcess::CrashExit || worker.process().exitCode() != 0);
    }

    void hangHookStopsAnsweringUntilKilled()
    {
        Worker worker(withHook("PRUNESCOPE_WORKER_HANG", "hello"));
        worker.writeLine(R"({"id": 1, "method": "hello"})");
        const QJsonObject progress = worker.readLine();
        QCOMPARE(progress["id"].toInt(), 1);
        QCOMPARE(progress["stage"].toString(), QString("test-abort"));
        // A hang does not check for cancellation: only a kill ends it.
        worker.writeLine(R"({"id": 2, "method": "cancel", "params": {"id": 1}})");
        QCOMPARE(worker.readLine()["result"].toObject()["cancelled"].toBool(), true);
        QVERIFY(worker.readLine(1000).isEmpty());
        QCOMPARE(worker.process().state(), QProcess::Running);
    }

    void shutdownAndEndOfInputExitZero()
    {
        Worker worker;
        const Reply reply = worker.call("shutdown");
        QVERIFY(reply.ok());
        QVERIFY(reply.result().isEmpty());
        QVERIFY(worker.process().waitForFinished(kTimeoutMs));
        QCOMPARE(worker.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(worker.process().exitCode(), 0);

        Worker closed;
        QVERIFY(closed.call("hello").ok());
        closed.process().closeWriteChannel();
        QVERIFY(closed.process().waitForFinished(kTimeoutMs));
        QCOMPARE(closed.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(closed.process().exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServe)
#include "tst_serve.moc"
