// SPDX-License-Identifier: MIT
// Crash isolation, proven on the whole fault corpus (tests/faults/make_faults.py): every
// broken model, input and mask file goes through the window's own open paths, with the
// real engine worker. Each must end in an error dialog that says what the CLI says, while
// the window keeps the model on screen and the mask fixes the user has not saved, even
// when the file crashes libtorch and takes the worker down with it. At the end the kept
// fixes are saved and must equal what the CLI computes from scratch.
#include "engine/session.h"
#include "fixtures.h"
#include "panels/masks_panel.h"
#include "window/main_window.h"
#include "window/rules_menu.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace prunescope::ui;
using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 180000;

QString faultsDir() { return QString(PRUNESCOPE_FIXTURE_DIR) + "/faults"; }

QString path(const std::string& file) { return QString::fromStdString(fixture(file)); }

QString faultPath(const QString& arg) { return QString(arg).replace("{faults}", faultsDir()); }

QByteArray bytesOf(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The value of a CLI option in a case's arguments ("" when absent).
QString option(const QStringList& args, const QString& name)
{
    const int at = static_cast<int>(args.indexOf(name));
    return at >= 0 && at + 1 < args.size() ? args[at + 1] : QString();
}

QStringList argsOf(const QJsonObject& fault)
{
    QStringList args;
    for (const auto& a : fault["args"].toArray())
        args << a.toString();
    return args;
}

// Which of the window's open paths a case goes through: "model" (File > Open with an
// input shape), "masks" (the masks dock's Load) or none, with the reason.
QString surface(const QJsonObject& fault, QString* why)
{
    const QStringList args = argsOf(fault);
    const bool hasFault = !fault["fault_files"].toArray().isEmpty();
    if (args[0] == "masks" || args[0] == "fix-masks" || args.contains("--masks")) {
        if (hasFault)
            return "masks";
        *why = "a fault in the CLI's own options (output file, strategy): the GUI has no such option";
        return {};
    }
    if (args.contains("--shape-mode")) {
        *why = "a CLI option (--shape-mode meta) the GUI does not offer";
        return {};
    }
    // Options aside, the model and its input are what the window opens; a case whose
    // model and input are fine is about an output path the GUI never takes.
    if (!hasFault && option(args, "--input") == "1,3,8,8") {
        *why = "a fault in an output path of the CLI: the GUI saves through its own dialogs";
        return {};
    }
    return "model";
}

bool waitErrorBox(MainWindow& window)
{
    return QTest::qWaitFor([&] { return window.errorBox() && window.errorBox()->isVisible(); }, kTimeout);
}

bool closeErrorBox(MainWindow& window)
{
    if (auto* box = window.errorBox())
        box->close();
    return QTest::qWaitFor([&] { return !window.errorBox(); }, 5000);
}

int runCli(const QStringList& args)
{
    QProcess cli;
    cli.start(PRUNESCOPE_CLI, args);
    cli.waitForFinished(kTimeout);
    return cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
}

} // namespace

class TestGuiFaultCorpus : public QObject {
    Q_OBJECT
    QJsonArray m_cases;
    QTemporaryDir m_dir;
    // The window for the model faults: resnet18 with its conflicting masks, fixed, unsaved.
    std::unique_ptr<MainWindow> m_modelWindow;
    int m_modelNodes = 0;
    int m_fixes = 0;
    // The window for the mask faults: the corpus' small model with valid masks.
    std::unique_ptr<MainWindow> m_maskWindow;
    QStringList m_maskLayers;
    int m_modelRows = 0, m_maskRows = 0;

    void addRows(const QString& wanted)
    {
        QTest::addColumn<QJsonObject>("fault");
        for (const auto& value : m_cases) {
            const QJsonObject c = value.toObject();
            QString why;
            if (surface(c, &why) == wanted)
                QTest::newRow(qPrintable(c["name"].toString())) << c;
        }
    }

    // The error dialog and the message in it, for a case the window must refuse.
    void checkRefused(MainWindow& window, const QJsonObject& fault)
    {
        QVERIFY2(waitErrorBox(window), "no error dialog");
        const QString text = window.errorBox()->text();
        const QString expected = fault["message"].toString();
        QVERIFY2(text.contains(expected), qPrintable("the dialog lacks \"" + expected + "\": " + text));
        for (const char* trace : { "terminate called", "frame #", "Exception raised from" })
            QVERIFY2(!text.contains(trace), qPrintable("the dialog shows a trace: " + text));
        QVERIFY(closeErrorBox(window));
    }

    // libtorch's bug on these files is undefined behaviour: its importer may crash the
    // worker or happen to read the file. Either way the window must survive; they run in
    // a window of their own, so that a file that opens does not replace the model whose
    // unsaved fixes the other cases guard.
    void checkLibtorchCrash(const QJsonObject& fault)
    {
        MainWindow window;
        window.show();
        QSignalSpy ready(&window, &MainWindow::modelReady);
        window.openDemo();
        QVERIFY(ready.wait(kTimeout));
        const QString demo = window.modelPath();
        const QStringList args = argsOf(fault);
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.openModel(faultPath(args[1]), option(args, "--input"));
        QVERIFY(QTest::qWaitFor([&] { return failed.count() > 0 || ready.count() > 1; }, kTimeout));
        if (ready.count() > 1) {
            qInfo("libtorch read the file without crashing this time: it opened");
            QCOMPARE(window.modelPath(), faultPath(args[1]));
            return;
        }
        checkRefused(window, fault);
        QCOMPARE(window.modelPath(), demo);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // NNI v2.9's sets, which these tests check; tst_rules checks the strict rules (the app's default).
        RulesMenu::setPreferred(QStringLiteral("nni"));
        qputenv("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
        QVERIFY(m_dir.isValid());
        QFile file(faultsDir() + "/cases.json");
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + " is missing (ctest's generate_faults)"));
        m_cases = QJsonDocument::fromJson(file.readAll()).object()["cases"].toArray();
        QVERIFY(m_cases.size() >= 25);

        m_modelWindow = std::make_unique<MainWindow>();
        MainWindow& window = *m_modelWindow;
        window.show();
        QSignalSpy ready(&window, &MainWindow::modelReady);
        window.openModel(path("resnet18_traced.pt"));
        QVERIFY(ready.wait(kTimeout));
        m_modelNodes = static_cast<int>(window.report()->nodes().size());
        QSignalSpy masks(&window, &MainWindow::masksChanged);
        window.masksPanel()->loadMasks(path("masks_resnet18.pth"));
        QVERIFY(masks.wait(kTimeout));
        window.masksPanel()->fixAll();
        QVERIFY(masks.wait(kTimeout));
        m_fixes = window.session()->appliedFixes();
        QCOMPARE(m_fixes, 1);
        QVERIFY(window.hasUnsavedMasks());

        m_maskWindow = std::make_unique<MainWindow>();
        MainWindow& maskWindow = *m_maskWindow;
        maskWindow.show();
        QSignalSpy maskReady(&maskWindow, &MainWindow::modelReady);
        maskWindow.openModel(faultsDir() + "/tiny_conv.pt", "1,3,8,8");
        QVERIFY(maskReady.wait(kTimeout));
        QSignalSpy maskChanged(&maskWindow, &MainWindow::masksChanged);
        maskWindow.masksPanel()->loadMasks(faultsDir() + "/masks_ok.pth");
        QVERIFY(maskChanged.wait(kTimeout));
        m_maskLayers = [&] {
            QStringList names;
            for (const auto& entry : maskWindow.session()->maskLayers())
                names << QString::fromStdString(entry.first);
            return names;
        }();
        m_maskLayers.sort();
        QCOMPARE(m_maskLayers, QStringList({ "conv1", "conv2" }));
    }

    void everyCaseHasAPathOrAReason()
    {
        QStringList skipped;
        for (const auto& value : m_cases) {
            const QJsonObject c = value.toObject();
            QString why;
            const QString where = surface(c, &why);
            m_modelRows += where == "model";
            m_maskRows += where == "masks";
            if (where.isEmpty())
                skipped << c["name"].toString() + ": " + why;
        }
        qInfo("%d model cases, %d mask cases through the window; not the GUI's:\n  %s", m_modelRows, m_maskRows,
            qPrintable(skipped.join("\n  ")));
        QVERIFY(m_modelRows + m_maskRows >= 25);
        QVERIFY(skipped.size() <= 6);
    }

    void modelFaultKeepsTheModelAndTheUnsavedFixes_data() { addRows("model"); }
    void modelFaultKeepsTheModelAndTheUnsavedFixes()
    {
        QFETCH(QJsonObject, fault);
#if defined(__SANITIZE_ADDRESS__)
        if (fault.contains("max_memory_gib"))
            QSKIP("memory-exhaustion case: covered by the build without AddressSanitizer");
#endif
        if (fault["libtorch_crash"].toBool()) {
            checkLibtorchCrash(fault);
            return;
        }
        MainWindow& window = *m_modelWindow;
        const QStringList args = argsOf(fault);
        const QString before = window.modelPath();
        const int restarts = window.session()->restarts();
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.openModel(faultPath(args[1]), option(args, "--input"));
        QVERIFY2(failed.count() > 0 || failed.wait(kTimeout), "the open did not fail");
        checkRefused(window, fault);
        if (window.session()->restarts() > restarts)
            qInfo("this file took the worker down; it was restarted");
        QVERIFY(!window.isBusy());
        QCOMPARE(window.modelPath(), before);
        QVERIFY(window.report());
        QCOMPARE(static_cast<int>(window.report()->nodes().size()), m_modelNodes);
        QCOMPARE(window.session()->masksPath(), path("masks_resnet18.pth"));
        QCOMPARE(window.session()->appliedFixes(), m_fixes);
        QVERIFY(window.hasUnsavedMasks());
    }

    void maskFaultKeepsTheLoadedMasks_data() { addRows("masks"); }
    void maskFaultKeepsTheLoadedMasks()
    {
        QFETCH(QJsonObject, fault);
        MainWindow& window = *m_maskWindow;
        const QStringList args = argsOf(fault);
        const QString bad = faultPath(args[0] == "masks" || args[0] == "fix-masks" ? args[2] : option(args, "--masks"));
        window.masksPanel()->loadMasks(bad);
        checkRefused(window, fault);
        QTRY_VERIFY_WITH_TIMEOUT(!window.session()->masksBusy(), 10000);
        QCOMPARE(window.session()->masksPath(), faultsDir() + "/masks_ok.pth");
        QStringList layers = [&] {
            QStringList names;
            for (const auto& entry : window.session()->maskLayers())
                names << QString::fromStdString(entry.first);
            return names;
        }();
        layers.sort();
        QCOMPARE(layers, m_maskLayers);
        QCOMPARE(window.modelPath(), faultsDir() + "/tiny_conv.pt");
    }

    // Whatever the corpus did to the worker, one killed by a signal in the middle of an
    // open is certain here: the test hook aborts it.
    void workerKilledMidOpenKeepsEverything()
    {
        MainWindow& window = *m_modelWindow;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PRUNESCOPE_WORKER_ABORT", "open");
        window.session()->setWorkerEnvironment(env);
        window.session()->restartWorker(); // the next request starts a worker with the hook
        const int restarts = window.session()->restarts();
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.openModel(path("resnet34_traced.pt"));
        QVERIFY(failed.wait(kTimeout));
        QVERIFY2(waitErrorBox(window), "no error dialog");
        QVERIFY2(window.errorBox()->text().contains("crashed"), qPrintable(window.errorBox()->text()));
        QVERIFY(closeErrorBox(window));
        QCOMPARE(window.session()->restarts(), restarts + 1);
        QCOMPARE(window.modelPath(), path("resnet18_traced.pt"));
        QCOMPARE(window.session()->appliedFixes(), m_fixes);
        QVERIFY(window.hasUnsavedMasks());
        window.session()->setWorkerEnvironment(QProcessEnvironment::systemEnvironment());
    }

    // After the whole corpus (crashes, hangs and refusals), the unsaved fixes are still
    // the ones the CLI computes: saving replays them into a fresh worker if needed.
    void keptFixesSaveAsTheCliComputesThem()
    {
        MainWindow& window = *m_modelWindow;
        QVERIFY(window.hasUnsavedMasks());
        const QString saved = m_dir.filePath("gui_fixed.pth"), cli = m_dir.filePath("cli_fixed.pth");
        QSignalSpy done(&window, &MainWindow::masksSaved);
        window.masksPanel()->save(saved, false);
        // A refused save shows a box: its text says why, rather than a bare timeout.
        QVERIFY(QTest::qWaitFor(
            [&] { return done.count() > 0 || (window.errorBox() && window.errorBox()->isVisible()); }, kTimeout));
        QVERIFY2(done.count() > 0, window.errorBox() ? qPrintable(window.errorBox()->text()) : "no error box");
        QCOMPARE(runCli({ "fix-masks", path("resnet18_traced.pt"), path("masks_resnet18.pth"), "-o", cli }), 0);
        QVERIFY(!bytesOf(cli).isEmpty());
        QCOMPARE(bytesOf(saved), bytesOf(cli));
        qInfo("worker restarts in this window: %d", window.session()->restarts());
    }

    void cleanupTestCase()
    {
        m_modelWindow.reset();
        m_maskWindow.reset();
    }
};

QTEST_MAIN(TestGuiFaultCorpus)
#include "tst_gui_fault_corpus.moc"
