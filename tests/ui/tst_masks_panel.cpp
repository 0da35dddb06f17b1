// SPDX-License-Identifier: MIT
// Masks, FLOPs table and charts through the real window and worker: conflicts of the
// fixture masks, fixes that equal the library's (the CLI's) byte for byte, undo, saving
// for Python, and unsaved fixes surviving a worker crash.
#include "engine/session.h"
#include "fixtures.h"
#include "graph/graph_scene.h"
#include "graph/node_item.h"
#include "panels/channel_strip.h"
#include "panels/conflict_list_model.h"
#include "panels/flops_charts.h"
#include "panels/flops_panel.h"
#include "panels/flops_table_model.h"
#include "panels/masks_panel.h"
#include "window/main_window.h"
#include "window/rules_menu.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace prunescope::ui;
using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 180000;

QString path(const std::string& file) { return QString::fromStdString(fixture(file)); }

bool openModel(MainWindow& window, const std::string& file)
{
    QSignalSpy ready(&window, &MainWindow::modelReady);
    window.openModel(path(file));
    return ready.wait(kTimeout);
}

bool waitMasks(MainWindow& window)
{
    QSignalSpy changed(&window, &MainWindow::masksChanged);
    return changed.wait(kTimeout);
}

bool saveMasks(MainWindow& window, const QString& file)
{
    QSignalSpy saved(&window, &MainWindow::masksSaved);
    window.masksPanel()->save(file, false);
    return saved.wait(kTimeout);
}

QByteArray bytesOf(const QString& file)
{
    QFile f(file);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

int runCli(const QStringList& args)
{
    QProcess cli;
    cli.start(PRUNESCOPE_CLI, args);
    cli.waitForFinished(kTimeout);
    return cli.exitCode();
}

QJsonObject readJson(const QString& file) { return QJsonDocument::fromJson(bytesOf(file)).object(); }

} // namespace

class TestMasksPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // NNI v2.9's sets, which these tests check; tst_rules checks the strict rules (the app's default).
        RulesMenu::setPreferred(QStringLiteral("nni"));
        qputenv("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
    }

    void conflictsAndFixAllMatchTheLibrary()
    {
        MainWindow window;
        window.show();
        new QAbstractItemModelTester(
            window.masksPanel()->conflicts(), QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
        QVERIFY(openModel(window, "resnet18_traced.pt"));
        window.masksPanel()->loadMasks(path("masks_resnet18.pth"));
        QVERIFY(waitMasks(window));
        // The four residual sets conflict (see tst_masks); nothing else has masks in conflict.
        QCOMPARE(window.masksPanel()->conflicts()->conflictCount(), 4);
        window.masksPanel()->selectRow(0);
        QCOMPARE(window.masksPanel()->strip()->rows().size(), 3); // conv1, layer1.0.conv2, layer1.1.conv2
        QCOMPARE(window.masksPanel()->strip()->rows().front().channels, 64);
        // The conflicting layers are marked in the graph, with their kept channels.
        const NodeItem* conv1 = nullptr;
        for (auto* item : window.scene()->nodeItems())
            if (window.report()->uniqueName(item->nodeId()) == QLatin1String("conv1"))
                conv1 = item;
        QVERIFY(conv1 && conv1->look().maskConflict);
        QVERIFY(conv1->look().detail.contains("/64 kept"));

        window.masksPanel()->setStrategy("union");
        window.masksPanel()->fixAll();
        QVERIFY(waitMasks(window));
        QCOMPARE(window.masksPanel()->conflicts()->conflictCount(), 0);
        QVERIFY(window.hasUnsavedMasks());
        const QString ui = m_dir.filePath("ui_fixed.pth"), cli = m_dir.filePath("cli_fixed.pth");
        QVERIFY(saveMasks(window, ui));
        QVERIFY(!window.hasUnsavedMasks());
        QCOMPARE(runCli({ "fix-masks", path("resnet18_traced.pt"), path("masks_resnet18.pth"), "-o", cli }), 0);
        QCOMPARE(bytesOf(ui), bytesOf(cli)); // the same masks, written by the same writer
        // Python's torch loads it as NNI's dict.
        QProcess python;
        python.start(PRUNESCOPE_TORCH_PYTHON,
            { "-c",
                QString("import torch; d = torch.load('%1'); print(len(d), type(d['conv1']['weight']).__name__)")
                    .arg(ui) });
        QVERIFY(python.waitForFinished(kTimeout));
        QCOMPARE(python.readAllStandardOutput().trimmed(), QByteArray("20 Tensor"));
    }

    void fixRowStaysInViewForBigSets()
    {
        // A set of a residual net at scale has thousands of layers: they scroll, and
        // the row the fix would give stays in view under them, right below the rows
        // when the set is short.
        ChannelStrip strip;
        strip.resize(500, 220);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        QVERIFY(!strip.resultRow()->isVisible()); // no set selected: the placeholder only
        auto rows = [](int count) {
            QVector<ChannelStrip::Row> out;
            for (int i = 0; i < count; ++i)
                out.push_back({ QString("blocks.%1.conv2").arg(i), QVector<bool>(8, i % 2 == 0), 8 });
            return out;
        };
        strip.setRows(rows(1500), { "after the fix", {}, 8 });
        QCoreApplication::processEvents();
        QWidget* fix = strip.resultRow();
        QVERIFY(fix->isVisible());
        QVERIFY(strip.rect().contains(fix->geometry()));
        QVERIFY(strip.layersArea()->verticalScrollBar()->maximum() > 0);
        strip.layersArea()->verticalScrollBar()->setValue(strip.layersArea()->verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
        QVERIFY(strip.rect().contains(fix->geometry()));

        strip.setRows(rows(3), { "after the fix", {}, 8 });
        QCoreApplication::processEvents();
        QCOMPARE(strip.layersArea()->verticalScrollBar()->maximum(), 0);
        // Three rows of 16 px and the 4 px margin, the separator line (a 3 px frame),
        // then the fix's row: not pushed to the bottom of the 220 px strip.
        QCOMPARE(fix->y(), 3 * 16 + 4 + 3);
    }

    void undoRestoresTheMasksExactly()
    {
        MainWindow window;
        window.show();
        QVERIFY(openModel(window, "resnet18_traced.pt"));
        window.masksPanel()->loadMasks(path("masks_resnet18.pth"));
        QVERIFY(waitMasks(window));
        const QString before = m_dir.filePath("before.json"), after = m_dir.filePath("after_undo.json");
        QVERIFY(saveMasks(window, before));
        window.masksPanel()->selectRow(0);
        window.masksPanel()->setStrategy("intersection");
        window.masksPanel()->fixSelected();
        QVERIFY(waitMasks(window));
        QCOMPARE(window.masksPanel()->conflicts()->conflictCount(), 3); // that one set is fixed
        QCOMPARE(window.undoStack()->count(), 1);
        window.undoStack()->undo();
        QVERIFY(waitMasks(window));
        QCOMPARE(window.masksPanel()->conflicts()->conflictCount(), 4);
        QVERIFY(saveMasks(window, after));
        QCOMPARE(bytesOf(after), bytesOf(before));
        window.undoStack()->redo();
        QVERIFY(waitMasks(window));
        QCOMPARE(window.masksPanel()->conflicts()->conflictCount(), 3);
        // The change report lists the fix.
        const QString report = m_dir.filePath("changes.json");
        QSignalSpy exported(window.masksPanel(), &MasksPanel::changesExported);
        window.masksPanel()->exportChanges(report);
        QVERIFY(exported.wait(kTimeout));
        QCOMPARE(exported.front()[1].toString(), QString());
        const QJsonArray fixes = readJson(report)["fixes"].toArray();
        QCOMPARE(fixes.size(), 1);
        QCOMPARE(fixes[0].toArray()[0].toObject()["strategy"].toString(), QString("intersection"));
    }

    void flopsTableMatchesTheLibrary()
    {
        MainWindow window;
        window.show();
        auto* table = window.flopsPanel()->model();
        new QAbstractItemModelTester(table, QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
        new QAbstractItemModelTester(
            window.flopsPanel()->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
        QVERIFY(openModel(window, "resnet18_traced.pt"));
        const QString json = m_dir.filePath("flops.json");
        QCOMPARE(runCli({ "flops", path("resnet18_traced.pt"), "--json", json }), 0);
        const QJsonObject cli = readJson(json);
        QCOMPARE(qint64(table->flops().total), cli["total"].toInteger());
        QCOMPARE(table->rowCount(), cli["layers"].toArray().size());
        QCOMPARE(qint64(table->flops().params), cli["params"].toInteger());
        QVERIFY(window.flopsPanel()->totalsText().contains(QLocale().toString(cli["total"].toInteger())));

        // Filter by name, sort by FLOPs.
        window.flopsPanel()->setFilterText("layer4");
        auto* proxy = window.flopsPanel()->proxy();
        QVERIFY(proxy->rowCount() > 0);
        for (int r = 0; r < proxy->rowCount(); ++r)
            QVERIFY(proxy->index(r, FlopsTableModel::Name).data().toString().contains("layer4"));
        window.flopsPanel()->table()->sortByColumn(FlopsTableModel::Flops, Qt::DescendingOrder);
        qint64 largest = 0;
        for (int r = 0; r < proxy->rowCount(); ++r)
            largest = std::max(
                largest, proxy->index(r, FlopsTableModel::Flops).data(FlopsTableModel::SortRole).toLongLong());
        QCOMPARE(proxy->index(0, FlopsTableModel::Flops).data(FlopsTableModel::SortRole).toLongLong(), largest);
        // The charts follow the filter: one bar per visible row, up to 15.
        QTRY_COMPARE(window.flopsCharts()->barCount(), std::min(proxy->rowCount(), FlopsCharts::kTopLayers));
        QCOMPARE(window.flopsCharts()->barSets(), 1);

        // A row selects its node in the graph.
        window.flopsPanel()->table()->selectRow(0);
        const int node = proxy->index(0, 0).data(FlopsTableModel::NodeRole).toInt();
        QTRY_VERIFY(!window.scene()->selectedItems().isEmpty());
        QCOMPARE(static_cast<NodeItem*>(window.scene()->selectedItems().front())->nodeId(), node);

        // Another mode through the worker; then masks: NNI's and the effective totals.
        QSignalSpy flops(&window, &MainWindow::flopsUpdated);
        window.setFlopsMode(prunescope::FlopsMode::Full);
        QVERIFY(flops.wait(kTimeout));
        QCOMPARE(table->flops().mode, prunescope::FlopsMode::Full);
        window.setFlopsMode(prunescope::FlopsMode::Default);
        QVERIFY(flops.wait(kTimeout));
        window.masksPanel()->loadMasks(path("masks_resnet18.pth"));
        QVERIFY(waitMasks(window));
        QCOMPARE(
            runCli({ "flops", path("resnet18_traced.pt"), "--masks", path("masks_resnet18.pth"), "--json", json }), 0);
        QCOMPARE(qint64(table->flops().masked_total), readJson(json)["masked_total"].toInteger());
        QCOMPARE(qint64(table->flops().effective_total), readJson(json)["effective_total"].toInteger());
        window.flopsPanel()->setFilterText(QString());
        QTRY_COMPARE(window.flopsCharts()->barSets(), 3); // before, NNI's rule, after speedup
        QCOMPARE(window.flopsCharts()->barCount(), FlopsCharts::kTopLayers);
    }

    void unsavedFixesSurviveAWorkerCrash()
    {
        MainWindow window;
        window.show();
        QVERIFY(openModel(window, "resnet18_traced.pt"));
        window.masksPanel()->loadMasks(path("masks_resnet18.pth"));
        QVERIFY(waitMasks(window));
        window.masksPanel()->fixAll();
        QVERIFY(waitMasks(window));
        // The worker dies while re-analysing; the fixes existed only in it.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PRUNESCOPE_WORKER_ABORT", "session.set");
        window.session()->setWorkerEnvironment(env);
        window.session()->restartWorker();
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.setPruneType(prunescope::PruneType::Batchnorm);
        QVERIFY(failed.wait(kTimeout));
        QVERIFY(window.lastError().contains("crashed"));
        QCOMPARE(window.masksPanel()->conflicts()->conflictCount(), 0); // still shown as fixed
        QVERIFY(window.hasUnsavedMasks());
        window.session()->setWorkerEnvironment(QProcessEnvironment::systemEnvironment());
        // Analysing again in the fresh worker must not treat the model as new: the masks
        // and the unsaved fix stay, and are replayed before the analysis.
        QSignalSpy masksBack(&window, &MainWindow::masksChanged);
        window.setPruneType(prunescope::PruneType::Filter);
        QVERIFY(masksBack.wait(kTimeout));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy() && !window.session()->masksBusy(), kTimeout);
        QCOMPARE(window.session()->masksPath(), path("masks_resnet18.pth"));
        QCOMPARE(window.session()->appliedFixes(), 1);
        QCOMPARE(window.masksPanel()->conflicts()->conflictCount(), 0);
        QVERIFY(window.hasUnsavedMasks());
        // Saving writes the model, the file and the fix as the CLI computes them.
        const QString saved = m_dir.filePath("after_crash.pth"), cli = m_dir.filePath("cli_fixed2.pth");
        QVERIFY(saveMasks(window, saved));
        QCOMPARE(runCli({ "fix-masks", path("resnet18_traced.pt"), path("masks_resnet18.pth"), "-o", cli }), 0);
        QCOMPARE(bytesOf(saved), bytesOf(cli));
    }

    // The worker is killed (SIGKILL, test hook) after writing 1000 bytes of the fixed
    // masks over the user's own file: the file must be the original, byte for byte, and
    // the fixes must still be there to save once the engine works again.
    void killedSaveLeavesTheOriginalIntact()
    {
        const QString original = m_dir.filePath("killed_save.pth");
        QFile::remove(original);
        QVERIFY(QFile::copy(path("masks_resnet18.pth"), original));
        const QByteArray before = bytesOf(original);
        QVERIFY(before.size() > 1000);
        MainWindow window;
        window.show();
        QVERIFY(openModel(window, "resnet18_traced.pt"));
        window.masksPanel()->loadMasks(original);
        QVERIFY(waitMasks(window));
        window.masksPanel()->fixAll();
        QVERIFY(waitMasks(window));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PRUNESCOPE_TEST_KILL_WRITE_AT", "1000");
        window.session()->setWorkerEnvironment(env);
        window.session()->restartWorker(); // the save replays the fixes into a worker with the hook
        QSignalSpy saved(&window, &MainWindow::masksSaved);
        window.masksPanel()->save(original, true);
        QTRY_VERIFY_WITH_TIMEOUT(window.lastError().contains("crashed"), kTimeout);
        QCOMPARE(saved.count(), 0);
        QCOMPARE(bytesOf(original), before);
        QVERIFY(window.hasUnsavedMasks());
        // The next save, in a worker without the hook, writes the fixed masks.
        window.session()->setWorkerEnvironment(QProcessEnvironment::systemEnvironment());
        window.masksPanel()->save(original, true);
        QVERIFY2(saved.wait(kTimeout), qPrintable(window.lastError()));
        const QString cli = m_dir.filePath("killed_save_cli.pth");
        QCOMPARE(runCli({ "fix-masks", path("resnet18_traced.pt"), path("masks_resnet18.pth"), "-o", cli }), 0);
        QCOMPARE(bytesOf(original), bytesOf(cli));
    }
};

QTEST_MAIN(TestMasksPanel)
#include "tst_masks_panel.moc"
