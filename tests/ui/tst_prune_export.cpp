// SPDX-License-Identifier: MIT
// Masks dock > Export Pruned Model… through the real window and worker, driven by QTest
// events: the file written, the dialog's verification and before/after figures against
// the architecture, the pruned file checked in stock PyTorch, the pruned model opened in
// a new window, cancel leaving no file, a refusal shown with the op named.
#include "engine/session.h"
#include "fixtures.h"
#include "panels/masks_panel.h"
#include "panels/prune_comparison_model.h"
#include "panels/prune_result_dialog.h"
#include "window/main_window.h"

#include <QApplication>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace prunescope::ui;
using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 180000;

QString model(const char* file) { return QString::fromStdString(fixture(file)); }

void writeText(const QString& file, const QByteArray& text)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// DwChain (tests/fixtures/prune_models.py): a (3->8, 3x3) -> bn_a -> dw (8 depthwise) ->
// bn_dw -> b (8->6, 1x1) on 8x8; filters 0, 2, 4, 6 of a and dw kept (one group).
const QByteArray kDwMasks = R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [0, 2, 4, 6], "bias": true},
 "dw": {"shape": [8, 1, 3, 3], "kept_output_channels": [0, 2, 4, 6], "bias": true}})";

bool openWithMasks(MainWindow& window, const QString& file, const QString& masks)
{
    QSignalSpy ready(&window, &MainWindow::modelReady);
    window.openModel(file, QStringLiteral("1,3,8,8"));
    if (!ready.wait(kTimeout))
        return false;
    QSignalSpy changed(&window, &MainWindow::masksChanged);
    window.masksPanel()->loadMasks(masks);
    return changed.wait(kTimeout);
}

// Answers the save dialog the button opens (Qt's own dialog: no native one offscreen).
void answerSaveDialog(const QString& path)
{
    QTimer::singleShot(0, [path] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog) {
            answerSaveDialog(path); // not up yet: look again on the next turn
            return;
        }
        dialog->selectFile(path);
        static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept, public in QDialog
    });
}

} // namespace

class TestPruneExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
    }

    void exportWritesVerifiesAndShowsWhatPruningBought()
    {
        MainWindow window;
        window.show();
        const QString masks = m_dir.filePath("dw_masks.json");
        writeText(masks, kDwMasks);
        QVERIFY(openWithMasks(window, model("prune_dw_chain_traced.pt"), masks));
        MasksPanel* panel = window.masksPanel();
        QVERIFY(panel->exportPrunedButton()->isEnabled());
        // The dock shares its tab with the FLOPs dock: in front, the button takes the click.
        QVERIFY(window.raiseDock("masks"));
        QVERIFY(QTest::qWaitFor([&] { return panel->exportPrunedButton()->isVisible(); }, 5000));

        const QString out = m_dir.filePath("dw_pruned.pt");
        QSignalSpy exported(panel, &MasksPanel::prunedModelExported);
        answerSaveDialog(out);
        QTest::mouseClick(panel->exportPrunedButton(), Qt::LeftButton);
        QVERIFY(exported.count() == 1 || exported.wait(kTimeout));
        QCOMPARE(exported.front().at(1).toString(), QString());
        QVERIFY(QFile::exists(out));

        PruneResultDialog* dialog = panel->pruneResult();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(dialog->passed());
        QVERIFY2(
            dialog->verification()->text().contains("Verification passed"), qPrintable(dialog->verification()->text()));
        // From the architecture: a 3*8*9+8 = 224, bn_a 16, dw 8*9+8 = 80, bn_dw 16, b 8*6+6
        // = 54 parameters: 390; half the filters of a and dw: 112 + 8 + 40 + 8 + 30 = 198.
        auto cell = [&](int row, int column) { return dialog->summary()->item(row, column); };
        QCOMPARE(cell(PruneResultDialog::Params, PruneResultDialog::Before)->data(Qt::UserRole).toDouble(), 390.0);
        QCOMPARE(cell(PruneResultDialog::Params, PruneResultDialog::After)->data(Qt::UserRole).toDouble(), 198.0);
        QCOMPARE(cell(PruneResultDialog::Params, PruneResultDialog::After)->text(), QLocale().toString(198));
        // MACs on 8x8: a 64*8*27 + dw 64*8*9 + b 64*6*8 = 21,504; halved: 10,752.
        QCOMPARE(cell(PruneResultDialog::Macs, PruneResultDialog::Before)->data(Qt::UserRole).toDouble(), 21504.0);
        QCOMPARE(cell(PruneResultDialog::Macs, PruneResultDialog::After)->data(Qt::UserRole).toDouble(), 10752.0);
        QVERIFY(cell(PruneResultDialog::LatencyOneThread, PruneResultDialog::Before) != nullptr);
        // The before/after view per layer: a's FLOPs 13,824 -> 6,912, b's params 54 -> 30.
        const PruneComparisonModel* layers = dialog->comparison();
        const int a = layers->rowOf("a"), b = layers->rowOf("b");
        QVERIFY(a >= 0 && b >= 0);
        auto number = [&](int row, int column) {
            return layers->data(layers->index(row, column), PruneComparisonModel::SortRole).toLongLong();
        };
        QCOMPARE(number(a, PruneComparisonModel::FlopsBefore), 13824);
        QCOMPARE(number(a, PruneComparisonModel::FlopsAfter), 6912);
        QCOMPARE(number(a, PruneComparisonModel::FlopsChange), -6912);
        QCOMPARE(number(b, PruneComparisonModel::ParamsBefore), 54);
        QCOMPARE(number(b, PruneComparisonModel::ParamsAfter), 30);
        QCOMPARE(dialog->layers()->model()->rowCount(), layers->rowCount());

        // Stock PyTorch: the file loads and runs, keeps exactly filters 0, 2, 4, 6 of a and dw,
        // and matches the zero-shift original with the other filters masked to zero.
        const QString cases = m_dir.filePath("cases.json");
        const QJsonObject c {
            { "original", model("prune_dw_chain_traced.pt") }, { "pruned", out }, { "input", "1,3,8,8" },
            { "kept_filters", QJsonObject { { "a", QJsonArray { 0, 2, 4, 6 } }, { "dw", QJsonArray { 0, 2, 4, 6 } } } }
        };
        writeText(cases, QJsonDocument(QJsonObject { { "cases", QJsonArray { c } } }).toJson());
        QProcess python;
        python.start(PRUNESCOPE_TORCH_PYTHON, { PRUNESCOPE_SOURCE_DIR "/tests/prune/check_pruned.py", cases });
        QVERIFY(python.waitForFinished(kTimeout));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardOutput() + python.readAllStandardError());

        // Open in New Window: the pruned model, in a window of its own, with its own worker.
        QSignalSpy opened(&window, &MainWindow::windowOpened);
        QTest::mouseClick(dialog->openButton(), Qt::LeftButton);
        QCOMPARE(opened.count(), 1);
        auto* second = opened.front().at(0).value<MainWindow*>();
        QVERIFY(second && second != &window);
        QSignalSpy secondReady(second, &MainWindow::modelReady);
        QVERIFY(secondReady.wait(kTimeout));
        QCOMPARE(second->modelPath(), out);
        QVERIFY(second->session()->flops());
        QCOMPARE(second->session()->flops()->model_params, 198);
        second->close(); // deletes it (WA_DeleteOnClose)
    }

    void cancelLeavesNoFile()
    {
        MainWindow window;
        window.show();
        const QString masks = m_dir.filePath("dw_masks_cancel.json");
        writeText(masks, kDwMasks);
        QVERIFY(openWithMasks(window, model("prune_dw_chain_traced.pt"), masks));
        MasksPanel* panel = window.masksPanel();
        const QString out = m_dir.filePath("cancelled.pt");
        QSignalSpy exported(panel, &MasksPanel::prunedModelExported);
        // 10,000 latency runs per model and setting: long enough to cancel while measuring.
        panel->exportPrunedModel(out, 10000);
        // Guarded: the panel deletes the dialog when the export ends, and a suite run saw
        // it end first (the wait then read a deleted label and crashed).
        QPointer<QProgressDialog> progress = panel->pruneProgress();
        QVERIFY(progress);
        QVERIFY(QTest::qWaitFor(
            [&] { return exported.count() > 0 || !progress || progress->labelText().contains("latency"); }, kTimeout));
        QVERIFY2(exported.isEmpty() && progress,
            qPrintable(exported.isEmpty()
                    ? QStringLiteral("the progress dialog went away")
                    : QStringLiteral("the export ended first: %1").arg(exported.front().at(1).toString())));
        QPushButton* cancel = progress->findChild<QPushButton*>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(exported.count() == 1 || exported.wait(kTimeout));
        QCOMPARE(exported.front().at(1).toString(), "cancelled");
        QVERIFY(!panel->pruneResult());
        // The worker handles requests in order: once the next one is answered, the
        // cancelled pruning has stopped.
        Reply* next = window.session()->exportChanges(m_dir.filePath("changes.json"));
        QSignalSpy finished(next, &Reply::finished);
        QVERIFY(finished.wait(kTimeout));
        QVERIFY(!QFile::exists(out));
        QVERIFY(!window.errorBox());
    }

    // A cancel that comes once the file is written is too late: the file stays (the write
    // replaced the user's old file there; removing it would lose both), and the window
    // says it was exported, with its result, after first saying cancelled.
    void aCancelAfterTheWriteKeepsTheFileAndSaysSo()
    {
        MainWindow window;
        window.show();
        const QString masks = m_dir.filePath("dw_masks_late.json");
        writeText(masks, kDwMasks);
        QVERIFY(openWithMasks(window, model("prune_dw_chain_traced.pt"), masks));
        MasksPanel* panel = window.masksPanel();
        const QString out = m_dir.filePath("late.pt");
        writeText(out, "the user's previous file");
        QSignalSpy exported(panel, &MasksPanel::prunedModelExported);
        panel->exportPrunedModel(out, 0);
        QProgressDialog* progress = panel->pruneProgress();
        QVERIFY(progress);
        auto* bar = progress->findChild<QProgressBar*>();
        QPushButton* cancel = progress->findChild<QPushButton*>();
        QVERIFY(bar && cancel);
        // The "write" stage at 100 % comes after the file is written, just before the answer.
        bool cancelled = false;
        connect(bar, &QProgressBar::valueChanged, progress, [&](int value) {
            if (value == 100 && !cancelled) {
                cancelled = true;
                cancel->click();
            }
        });
        QVERIFY(QTest::qWaitFor([&] { return exported.count() == 2; }, kTimeout));
        QVERIFY(cancelled);
        QCOMPARE(exported.at(0).at(1).toString(), "cancelled");
        QCOMPARE(exported.at(1).at(1).toString(), QString());
        QVERIFY(panel->pruneResult());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(2) == "PK"); // a TorchScript archive (zip), no longer the old text
        QVERIFY(!window.errorBox());
    }

    void refusalNamesTheOpAndWritesNothing()
    {
        MainWindow window;
        window.show();
        const QString masks = m_dir.filePath("reshape_masks.json");
        writeText(masks, R"({"a": {"shape": [8, 3, 3, 3], "kept_output_channels": [0, 1, 2, 3], "bias": true}})");
        QVERIFY(openWithMasks(window, model("prune_constant_reshape_traced.pt"), masks));
        const QString out = m_dir.filePath("refused.pt");
        QSignalSpy exported(window.masksPanel(), &MasksPanel::prunedModelExported);
        window.masksPanel()->exportPrunedModel(out, 0);
        QVERIFY(exported.wait(kTimeout));
        QVERIFY(QTest::qWaitFor([&] { return window.errorBox() && window.errorBox()->isVisible(); }, kTimeout));
        const QString text = window.errorBox()->text();
        QVERIFY2(text.contains("aten::reshape") && text.contains(masks) && text.contains("Leave a out of the masks"),
            qPrintable(text));
        QVERIFY(!QFile::exists(out));
        QVERIFY(!window.masksPanel()->pruneResult());
    }
};

QTEST_MAIN(TestPruneExport)
#include "tst_prune_export.moc"
