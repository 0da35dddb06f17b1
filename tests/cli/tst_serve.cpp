// `prunescope-cli serve`, the GUI's engine worker, driven as the GUI drives it: a real
// process, JSON lines written to its stdin and read from its stdout.
#include "fixtures.h"

#include <QDeadlineTimer>
#include <QFile>
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
    int conflicts() const { return result()["conflicts"].toObject()["conflicts"].toInt(-1); }
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

    // The next line of output as JSON; an empty object when none comes in time.
    QJsonObject readLine(int timeoutMs = kTimeoutMs)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (!m_process.canReadLine()) {
            if (deadline.hasExpired() || !m_process.waitForReadyRead(int(deadline.remainingTime())))
                return {};
        }
        return QJsonDocument::fromJson(m_process.readLine()).object();
    }

    // Sends a request and reads up to its final line. Every line read must carry `id`.
    Reply call(const QString& method, const QJsonObject& params = {})
    {
        const int id = m_nextId++;
        const QJsonObject request { { "id", id }, { "method", method }, { "params", params } };
        writeLine(QJsonDocument(request).toJson(QJsonDocument::Compact));
        return collect(id);
    }

    Reply collect(int id)
    {
        Reply reply;
        for (;;) {
            const QJsonObject line = readLine();
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
        QCOMPARE(hello.result()["protocol"].toString(), QString("prunescope-serve/1"));
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

        // Methods that need a model say so instead of failing internally.
        QCOMPARE(worker.call("flops").errorKind(), QString("usage"));
        QCOMPARE(worker.call("masks.state").errorKind(), QString("usage"));
        QVERIFY(worker.call("hello").ok());
        QCOMPARE(worker.process().state(), QProcess::Running);
    }

    void openReportsProgressThenTheFullReport()
    {
        Worker worker;
        const Reply reply
            = worker.call("open", { { "path", fixturePath("seed_two_conv_traced.pt") }, { "inputs", "1,3,2,2" } });
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
        const QJsonObject report = reply.result();
        QCOMPARE(report["format"].toString(), QString("prunescope-report/1"));
        QCOMPARE(report["worker"].toObject()["pid"].toInteger(), worker.process().processId());
        QStringList leaves;
        for (const auto& m : report["modules"].toArray())
            if (m.toObject()["leaf"].toBool()) {
                leaves << m.toObject()["name"].toString();
                QCOMPARE(m.toObject()["calls"].toArray().size(), 1);
            }
        QCOMPARE(leaves, QStringList({ "conv", "conv2" }));
        QCOMPARE(report["flops"].toObject()["mode"].toString(), QString("default"));
        QCOMPARE(report["flops"].toObject()["total"].toInteger(), 160);
        QCOMPARE(report["inputs"].toArray()[0].toObject()["shape"].toArray().size(), 4);
    }

    void aFailedOpenKeepsThePreviousModel()
    {
        Worker worker;
        QVERIFY(!openSeed(worker).isEmpty());
        const Reply bad = worker.call("open", { { "path", fixturePath("pickled_module.pt") } });
        QCOMPARE(bad.errorKind(), QString("bad_model"));
        QVERIFY2(bad.errorMessage().contains("pickled nn.Module"), qPrintable(bad.errorMessage()));
        const Reply flops = worker.call("flops");
        QVERIFY2(flops.ok(), qPrintable(describe(flops)));
        QCOMPARE(flops.result()["total"].toInteger(), 160);
        // A bad input shape is refused the same way.
        const Reply shape
            = worker.call("open", { { "path", fixturePath("seed_two_conv_traced.pt") }, { "inputs", "1,4,2,2" } });
        QCOMPARE(shape.errorKind(), QString("bad_input"));
        QCOMPARE(worker.call("flops", { { "mode", "full" } }).result()["mode"].toString(), QString("full"));
        QCOMPARE(worker.call("open", { { "path", "x.pt" }, { "inputs", "1,,3" } }).errorKind(), QString("usage"));
        QCOMPARE(worker.call("analyze").result()["model"].toObject()["path"].toString(),
            fixturePath("seed_two_conv_traced.pt"));
    }

    void analyzeWithBatchnormPruneType()
    {
        Worker worker;
        QVERIFY(worker.call("open", { { "path", fixturePath("resnet18_traced.pt") } }).ok());
        const Reply reply = worker.call("analyze", { { "prune_type", "batchnorm" } });
        QVERIFY2(reply.ok(), qPrintable(describe(reply)));
        const QJsonObject channel = reply.result()["channel_dependency"].toObject();
        QCOMPARE(channel["prune_type"].toString(), QString("Batchnorm"));
        QCOMPARE(channel["sets"].toArray()[0].toArray(), QJsonArray({ "bn1", "layer1.0.bn2", "layer1.1.bn2" }));
        QCOMPARE(reply.result()["format"].toString(), QString("prunescope-report/1"));
        QCOMPARE(worker.call("analyze", { { "prune_type", "weights" } }).errorKind(), QString("usage"));
    }

    void masksLoadFixUndoRedoSave()
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
        const QJsonObject conv1 = load.result()["layers"].toObject()["conv1"].toObject();
        QCOMPARE(conv1["shape"].toArray(), QJsonArray({ 64, 3, 7, 7 }));
        QVERIFY(conv1["structured"].toBool());
        QVERIFY(conv1["kept"].toArray().size() < 64 && conv1["kept_inputs"].toArray().size() == 3);
        QVERIFY(load.result()["flops"].toObject().contains("effective_total"));

        // A preview changes nothing.
        const Reply preview = worker.call("masks.preview");
        QVERIFY(preview.ok() && preview.result()["fixes"].toArray().size() >= 4);
        QVERIFY(!preview.result().contains("fix_id"));
        QCOMPARE(worker.call("masks.state").conflicts(), 4);

        const Reply fix = worker.call("masks.fix");
        QVERIFY2(fix.ok(), qPrintable(describe(fix)));
        QCOMPARE(fix.result()["fix_id"].toInt(), 1);
        QCOMPARE(fix.conflicts(), 0);
        QVERIFY(fix.result()["layers"].toObject().contains("conv1"));
        QCOMPARE(worker.call("masks.undo", { { "fix_id", 2 } }).errorKind(), QString("usage")); // not the latest
        const Reply undo = worker.call("masks.undo", { { "fix_id", 1 } });
        QCOMPARE(undo.result()["fix_id"].toInt(), 1);
        QCOMPARE(undo.conflicts(), 4);
        QCOMPARE(undo.result()["layers"].toObject()["conv1"].toObject(), conv1); // restored
        QCOMPARE(worker.call("masks.undo", { { "fix_id", 1 } }).errorKind(), QString("usage")); // nothing left
        const Reply redo = worker.call("masks.redo", { { "fix_id", 1 } });
        QCOMPARE(redo.conflicts(), 0);
        QCOMPARE(worker.call("masks.state").result()["applied"].toArray(), QJsonArray({ 1 }));

        // The fixed masks, saved and loaded back, have no conflict.
        const QString saved = m_dir.filePath("fixed.pth");
        const Reply save = worker.call("masks.save", { { "path", saved } });
        QVERIFY2(save.ok(), qPrintable(describe(save)));
        QCOMPARE(save.result()["path"].toString(), saved);
        const Reply reload = worker.call("masks.load", { { "path", saved } });
        QVERIFY2(reload.ok(), qPrintable(describe(reload)));
        QCOMPARE(reload.conflicts(), 0);
        QCOMPARE(worker.call("masks.state").result()["applied"].toArray(), QJsonArray()); // history forgotten

        // One set, another strategy: only that set is fixed.
        QCOMPARE(worker.call("masks.load", { { "path", input } }).conflicts(), 4);
        const QJsonObject set0 { { "kind", "channel" }, { "index", 0 } };
        const Reply one = worker.call("masks.fix", { { "strategy", "intersection" }, { "set", set0 } });
        QVERIFY2(one.ok(), qPrintable(describe(one)));
        QCOMPARE(one.result()["fix_id"].toInt(), 2);
        QCOMPARE(one.conflicts(), 3);
        for (const auto& s : one.result()["conflicts"].toObject()["sets"].toArray())
            if (s.toObject()["kind"].toString() == "channel" && s.toObject()["index"].toInt() == 0)
                QVERIFY(!s.toObject()["conflict"].toBool());
        QCOMPARE(one.result()["fixes"].toArray()[0].toObject()["strategy"].toString(), QString("intersection"));
        QCOMPARE(worker.call("masks.fix", { { "set", QJsonObject { { "kind", "channel" }, { "index", 999 } } } })
                     .errorKind(),
            QString("usage"));

        // Never over the loaded file unless asked.
        const QByteArray before = [&] {
            QFile f(input);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        const Reply refused = worker.call("masks.save", { { "path", input } });
        QCOMPARE(refused.errorKind(), QString("usage"));
        QVERIFY2(refused.errorMessage().contains("overwrite_input"), qPrintable(refused.errorMessage()));
        QFile file(input);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        file.close();
        QVERIFY(worker.call("masks.save", { { "path", input }, { "overwrite_input", true } }).ok());
        const QString json = m_dir.filePath("fixed.json");
        QVERIFY(worker.call("masks.save", { { "path", json } }).ok());
        QCOMPARE(worker.call("masks.load", { { "path", json } }).conflicts(), 3);
    }

    void abortHookCrashesTheWorkerAfterAProgressLine()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PRUNESCOPE_WORKER_ABORT", "open");
        Worker worker(env);
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
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PRUNESCOPE_WORKER_HANG", "hello");
        Worker worker(env);
        worker.writeLine(R"({"id": 1, "method": "hello"})");
        const QJsonObject progress = worker.readLine();
        QCOMPARE(progress["id"].toInt(), 1);
        QCOMPARE(progress["stage"].toString(), QString("test-abort"));
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
