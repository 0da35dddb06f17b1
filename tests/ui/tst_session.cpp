// SPDX-License-Identifier: MIT
// The window's Session with the real worker: the handshake, cooperative cancel and
// superseding, the FLOPs mode drawn from the worker, replies decoded off the GUI thread.
#include "engine/engine_client.h"
#include "engine/reply_decoder.h"
#include "engine/session.h"
#include "fixtures.h"
#include "panels/flops_panel.h"
#include "panels/flops_table_model.h"
#include "panels/masks_panel.h"
#include "window/main_window.h"

#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace prunescope;
using namespace prunescope::ui;
using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 180000;

QString path(const std::string& file) { return QString::fromStdString(fixture(file)); }

bool open(MainWindow& window, const QString& file, const QString& inputs = {})
{
    QSignalSpy ready(&window, &MainWindow::modelReady);
    window.openModel(file, inputs);
    return ready.wait(kTimeout);
}

// Waits until the worker says it is in the hook's slow phase.
bool waitSlowPhase(MainWindow& window)
{
    bool slow = false;
    const auto connection = QObject::connect(window.session()->client(), &EngineClient::lineReceived, &window,
        [&](const QByteArray& line) { slow = slow || line.contains("test-slow"); });
    const bool ok = QTest::qWaitFor([&] { return slow; }, kTimeout);
    QObject::disconnect(connection);
    return ok;
}

void withHook(MainWindow& window, const char* hook, const char* method)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (hook)
        env.insert(hook, method);
    window.session()->setWorkerEnvironment(env);
    window.session()->restartWorker(); // the next request starts a worker with it
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
        QVERIFY(m_dir.isValid());
    }

    // A worker of another version answers hello with its own protocol: the window says
    // so in a dialog, and does not start worker after worker.
    void aWorkerOfAnotherProtocolIsRefusedWithADialog()
    {
        const QString fake = m_dir.filePath("old-prunescope-cli");
        QFile script(fake);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\n"
                     "# An engine of protocol 1: answers every request as hello did then.\n"
                     "while read -r line; do\n"
                     "  id=$(printf '%s' \"$line\" | sed 's/.*\"id\":\\([0-9]*\\).*/\\1/')\n"
                     "  printf '{\"id\":%s,\"result\":{\"protocol\":\"prunescope-serve/1\",\"version\":\"0.0.9\"}}\\n' "
                     "\"$id\"\n"
                     "done\n");
        script.close();
        QVERIFY(QFile::setPermissions(fake, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        MainWindow window;
        window.show();
        window.session()->client()->setWorkerPath(fake);
        QSignalSpy mismatch(window.session(), &Session::protocolMismatch);
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.openDemo();
        QVERIFY(failed.wait(kTimeout));
        QCOMPARE(mismatch.count(), 1);
        QVERIFY(QTest::qWaitFor([&] { return window.errorBox() && window.errorBox()->isVisible(); }, 5000));
        const QString text = window.errorBox()->text();
        QCOMPARE(window.errorBox()->windowTitle(), QString("Incompatible analysis engine"));
        QVERIFY2(text.contains("prunescope-serve/1") && text.contains("prunescope-serve/2") && text.contains(fake),
            qPrintable(text));
        QVERIFY(!window.report());
        // The next request fails the same way, without another worker.
        const int starts = window.session()->client()->starts();
        QCOMPARE(starts, 1);
        Reply* again = window.session()->loadMasks(path("masks_resnet18.pth"));
        QSignalSpy done(again, &Reply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(again->errorKind(), QString("protocol"));
        QCOMPARE(window.session()->client()->starts(), starts);
    }

    // Opening another model while one is being opened cancels the first in the worker
    // (between two of its phases) instead of killing the worker; so does Esc.
    void aNewOpenSupersedesTheRunningOneInTheSameWorker()
    {
        MainWindow window;
        window.show();
        QVERIFY(open(window, path("seed_two_conv_traced.pt"), "1,3,2,2"));
        withHook(window, "PRUNESCOPE_WORKER_SLOW_ONCE", "open"); // the first open takes two minutes
        QSignalSpy failed(&window, &MainWindow::openFailed);
        QSignalSpy ready(&window, &MainWindow::modelReady);
        window.openModel(path("resnet18_traced.pt"));
        QVERIFY(window.isBusy());
        QVERIFY(waitSlowPhase(window));
        const int restarts = window.session()->restarts();
        const int starts = window.session()->client()->starts();
        QElapsedTimer clock;
        clock.start();
        window.openModel(path("resnet34_traced.pt"));
        QVERIFY(failed.count() == 1 || failed.wait(5000)); // the first one, as cancelled
        QVERIFY2(window.lastError().isEmpty() || window.lastError() == "Cancelled.", qPrintable(window.lastError()));
        QVERIFY(ready.wait(kTimeout));
        QVERIFY(window.modelPath().endsWith("resnet34_traced.pt"));
        QVERIFY(clock.elapsed() < 60000); // not the slow phase's two minutes
        // The same worker did both.
        QCOMPARE(window.session()->restarts(), restarts);
        QCOMPARE(window.session()->client()->starts(), starts);

        // Esc while a settings change runs: cancelled, the worker stays, the state too.
        withHook(window, "PRUNESCOPE_WORKER_SLOW_ONCE", "session.set");
        const QSignalSpy failedBefore(&window, &MainWindow::openFailed);
        window.setPruneType(PruneType::Batchnorm);
        QVERIFY(window.isBusy());
        QVERIFY(waitSlowPhase(window));
        const int restartsEsc = window.session()->restarts();
        window.cancelAnalysis();
        QVERIFY(!window.isBusy());
        QCOMPARE(window.session()->state().settings.prune_type, PruneType::Filter);
        // The worker answers the cancel itself: no kill after the grace period.
        QTest::qWait(Session::kCancelGraceMs + 1000);
        QCOMPARE(window.session()->restarts(), restartsEsc);
        QCOMPARE(window.session()->state().settings.prune_type, PruneType::Filter);
        window.setPruneType(PruneType::Batchnorm);
        QVERIFY(ready.wait(kTimeout));
        QCOMPARE(window.session()->state().settings.prune_type, PruneType::Batchnorm);
        QCOMPARE(window.session()->restarts(), restartsEsc);
    }

    // The FLOPs mode is the worker's: chosen, it holds through masks and fixes, and
    // choosing it again after another works. seed_two_conv (1x3x2x2): full mode 200,
    // default 160; with conv keeping 2 of 5 filters NNI's rule gives 152 and 124 (see
    // tst_serve's theFlopsModeHoldsForMaskReplies).
    void theFlopsModeShownIsTheWorkers()
    {
        const QString masks = m_dir.filePath("seed.json");
        QFile file(masks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"conv": {"shape": [5, 3, 1, 1], "kept_output_channels": [0, 1], "bias": true}})");
        file.close();
        MainWindow window;
        window.show();
        QVERIFY(open(window, path("seed_two_conv_traced.pt"), "1,3,2,2"));
        FlopsTableModel* table = window.flopsPanel()->model();
        QSignalSpy flops(&window, &MainWindow::flopsUpdated);
        window.setFlopsMode(FlopsMode::Full);
        QVERIFY(flops.wait(kTimeout));
        QCOMPARE(table->flops().total, int64_t(200));
        QSignalSpy changed(&window, &MainWindow::masksChanged);
        QSignalSpy resets(table, &QAbstractItemModel::modelReset);
        window.masksPanel()->loadMasks(masks);
        QVERIFY(changed.wait(kTimeout));
        QCOMPARE(window.flopsPanel()->mode(), FlopsMode::Full);
        QCOMPARE(table->flops().mode, FlopsMode::Full);
        QCOMPARE(table->flops().masked_total, int64_t(152));
        // The same rows with masked numbers: changed in place (no reset, which re-sorted
        // every row), and the table shows them.
        QCOMPARE(resets.count(), 0);
        QVERIFY(!window.flopsPanel()->table()->isColumnHidden(FlopsTableModel::Masked));
        int checked = 0;
        for (size_t r = 0; r < table->flops().layers.size(); ++r) {
            const QModelIndex shown = window.flopsPanel()->proxy()->mapFromSource(
                table->index(static_cast<int>(r), FlopsTableModel::Masked));
            QCOMPARE(shown.data().toString(), QLocale().toString(qint64(table->flops().layers[r].masked_flops)));
            checked += table->flops().layers[r].masked_flops > 0;
        }
        QVERIFY(checked > 0);
        window.masksPanel()->fixAll();
        QVERIFY(changed.wait(kTimeout));
        QCOMPARE(table->flops().mode, FlopsMode::Full);
        QCOMPARE(table->flops().total, int64_t(200));
        window.setFlopsMode(FlopsMode::Default);
        QVERIFY(flops.wait(kTimeout));
        QCOMPARE(table->flops().masked_total, int64_t(124));
        window.setFlopsMode(FlopsMode::Full); // once did nothing: the window thought it was still full
        QVERIFY(flops.wait(kTimeout));
        QCOMPARE(table->flops().masked_total, int64_t(152));
        QCOMPARE(window.session()->state().settings.flops_mode, FlopsMode::Full);
    }

    // Every reply, the reports of resnet18 and mobilenet_v2 included, was decoded on the
    // decoding thread.
    void repliesAreDecodedOffTheGuiThread()
    {
        const int before = ReplyDecoder::decoded();
        MainWindow window;
        window.show();
        QVERIFY(open(window, path("resnet18_traced.pt")));
        QVERIFY(open(window, path("mobilenet_v2_traced.pt")));
        QVERIFY(ReplyDecoder::decoded() > before + 2);
        QCOMPARE(ReplyDecoder::decodedOnGuiThread(), 0);
        QCOMPARE(window.report()->modelType(), QString("MobileNetV2"));
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
