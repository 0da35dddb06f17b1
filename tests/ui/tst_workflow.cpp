// SPDX-License-Identifier: MIT
// The steps of the workflow that used to break, each driven as a user would: keys,
// clicks, menu actions and the dialogs they open, with the real engine worker.
#include "engine/session.h"
#include "fixtures.h"
#include "graph/graph_controller.h"
#include "graph/graph_view.h"
#include "panels/dependency_set_model.h"
#include "panels/flops_charts.h"
#include "panels/flops_panel.h"
#include "panels/flops_table_model.h"
#include "panels/legend_panel.h"
#include "panels/masks_panel.h"
#include "panels/properties_model.h"
#include "window/main_window.h"
#include "window/preferences_dialog.h"
#include "window/rules_menu.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <functional>

using namespace prunescope::ui;
using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 180000;

QString path(const std::string& file) { return QString::fromStdString(fixture(file)); }

bool open(MainWindow& window, const std::string& file, const QString& inputs = {})
{
    QSignalSpy ready(&window, &MainWindow::modelReady);
    window.openModel(path(file), inputs);
    return ready.wait(kTimeout);
}

bool waitMasks(MainWindow& window)
{
    QSignalSpy changed(&window, &MainWindow::masksChanged);
    return changed.wait(kTimeout);
}

// Runs `act` on the next modal dialog of type D once it is up (the app exec()s them, so
// the test must answer from inside their event loop). Gives up after 120 s: a dialog
// that comes later would hang the test, and on a loaded machine a file dialog once took
// longer than the 20 s this waited before.
template <typename D> void onNextDialog(std::function<void(D*)> act)
{
    auto* timer = new QTimer(qApp);
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, act, started] {
        auto* dialog = qobject_cast<D*>(QApplication::activeModalWidget());
        if (!dialog && started->elapsed() < 120000)
            return;
        timer->stop();
        timer->deleteLater();
        if (dialog)
            act(dialog);
    });
    timer->start(50);
}

// Types `text` into a dialog's line edit and presses Enter, as a user would.
void typeAndEnter(QLineEdit* edit, const QString& text)
{
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

// A file name typed into a file dialog, which is then accepted as its Open or Save
// button does. Not with Enter: the button is enabled only once a directory listing,
// loaded in a thread, has the file, and under load Enter came first and did nothing
// (the test hung in the dialog). A dialog that sees no file is rejected: the test fails.
void typeFileName(QFileDialog* dialog, const QString& name)
{
    auto* edit = dialog->findChild<QLineEdit*>("fileNameEdit");
    if (edit && !name.isNull()) {
        edit->setCompleter(nullptr); // its popup would take the keys
        edit->clear();
        QTest::keyClicks(edit, name);
    }
    if (!edit || dialog->selectedFiles().isEmpty()) {
        dialog->reject();
        QFAIL(qPrintable("the file dialog sees no file for " + name));
    }
    static_cast<QDialog*>(dialog)->accept(); // QFileDialog's own, protected there
    // Under ASan a dialog once stayed open after this accept (the test hung in its exec
    // for 300 s): while it is still up, it is answered again.
    QPointer<QFileDialog> still(dialog);
    QTimer::singleShot(1000, qApp, [still, name] {
        if (still && still->isVisible())
            typeFileName(still, name);
    });
}

QAction* action(MainWindow& window, const QString& text)
{
    for (QAction* menu : window.menuBar()->actions())
        for (QAction* item : menu->menu()->actions())
            if (item->text() == text)
                return item;
    return nullptr;
}

// The masks of resnet18's fixture, copied where the test may write beside them.
QString masksCopy(const QTemporaryDir& dir)
{
    const QString copy = dir.filePath("masks_resnet18.pth");
    QFile::copy(path("masks_resnet18.pth"), copy);
    return copy;
}

bool loadAndFix(MainWindow& window, const QString& masks)
{
    window.masksPanel()->loadMasks(masks);
    if (!waitMasks(window))
        return false;
    window.masksPanel()->fixAll();
    return waitMasks(window) && window.hasUnsavedMasks();
}

// Edit > Preferences…, the Edit menu's last item, in whatever language the menus are.
QAction* preferencesAction(MainWindow& window)
{
    return window.menuBar()->actions().value(1)->menu()->actions().last();
}

class CountingCommand : public QUndoCommand {
public:
    explicit CountingCommand(int* redos)
        : m_redos(redos)
    {
    }
    void redo() override { ++*m_redos; }
    void undo() override { }

private:
    int* m_redos;
};

} // namespace

class TestWorkflow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
        // NNI v2.9's sets and warnings, which these tests read; tst_rules checks the strict
        // rules (the app's default).
        RulesMenu::setPreferred(QStringLiteral("nni"));
    }

    void redoShortcutsRedo()
    {
        // One registration per key: a key registered twice is "ambiguous" and does nothing.
        QTest::failOnWarning(QRegularExpression("Ambiguous shortcut"));
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        int redos = 0;
        window.undoStack()->push(new CountingCommand(&redos)); // push runs redo once
        QCOMPARE(redos, 1);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(window.undoStack()->index(), 0);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(redos, 2);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(&window, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(redos, 3);
        QCOMPARE(window.undoStack()->index(), 1);
    }

    void inputShapeRetriesTheFileThatFailed()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QSignalSpy ready(&window, &MainWindow::modelReady);
        QVERIFY(ready.wait(kTimeout));
        // resnet18's first conv wants 3 channels: 4 fails on the input, not on the file.
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.openModel(path("resnet18_traced.pt"), "1,4,64,64");
        QVERIFY(failed.wait(kTimeout));
        QVERIFY2(
            window.errorBox() && window.errorBox()->text().contains("Input Shape"), qPrintable(window.lastError()));
        window.errorBox()->close();
        QVERIFY(window.modelPath().endsWith("demo_model.pt"));
        // Input Shape… asks for resnet18's shape, starting from the one that failed.
        QString label, start;
        onNextDialog<QInputDialog>([&](QInputDialog* dialog) {
            label = dialog->labelText();
            start = dialog->textValue();
            typeAndEnter(dialog->findChild<QLineEdit*>(), "1,3,64,64");
        });
        action(window, "&Input Shape…")->trigger();
        QVERIFY2(label.contains("resnet18_traced.pt"), qPrintable(label));
        QCOMPARE(start, QString("1,4,64,64"));
        QVERIFY(ready.wait(kTimeout));
        QVERIFY(window.modelPath().endsWith("resnet18_traced.pt"));
        QCOMPARE(QString::fromStdString(window.session()->state().model->inputs), QString("1,3,64,64"));
        QVERIFY(window.failedOpenPath().isEmpty());
    }

    void inputShapeWithoutAModelAsksForOne()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.modelPath().isEmpty());
        bool askedFile = false, askedShape = false;
        onNextDialog<QFileDialog>([&](QFileDialog* dialog) {
            askedFile = true;
            onNextDialog<QInputDialog>([&](QInputDialog* shape) {
                askedShape = true;
                typeAndEnter(shape->findChild<QLineEdit*>(), "1,3,96,96");
            });
            typeFileName(dialog, path("resnet18_traced.pt"));
        });
        QSignalSpy ready(&window, &MainWindow::modelReady);
        action(window, "&Input Shape…")->trigger();
        QVERIFY(askedFile && askedShape);
        QVERIFY(ready.wait(kTimeout));
        QVERIFY(window.modelPath().endsWith("resnet18_traced.pt"));
        QCOMPARE(QString::fromStdString(window.session()->state().model->inputs), QString("1,3,96,96"));
    }

    void saveAsSuggestsAFixedNameAndAddsTheSuffix()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        // Behind the FLOPs tab (a tabbed dock stays "visible", but nothing of it shows).
        QVERIFY(window.masksPanel()->visibleRegion().isEmpty());
        const QString masks = masksCopy(dir);
        window.masksPanel()->loadMasks(masks);
        QVERIFY(waitMasks(window));
        QTRY_VERIFY(!window.masksPanel()->visibleRegion().isEmpty()); // loading brought the Masks dock forward
        window.masksPanel()->fixAll();
        QVERIFY(waitMasks(window));
        // Unsaved fixes: the title carries Qt's modified marker.
        QVERIFY(window.windowTitle().contains("[*]"));
        QVERIFY(window.isWindowModified());

        QString suggested;
        onNextDialog<QFileDialog>([&](QFileDialog* dialog) {
            suggested = dialog->selectedFiles().value(0);
            typeFileName(dialog, "chosen");
        });
        QSignalSpy saved(&window, &MainWindow::masksSaved);
        QTest::mouseClick(window.masksPanel()->findChild<QPushButton*>("saveAs"), Qt::LeftButton);
        QCOMPARE(suggested, dir.filePath("masks_resnet18_fixed.pth"));
        QVERIFY(saved.count() == 1 || saved.wait(kTimeout));
        // No suffix typed: .pth added, the format NNI's.
        const QString written = dir.filePath("chosen.pth");
        QCOMPARE(saved.front()[0].toString(), written);
        QVERIFY(QFile::exists(written));
        QVERIFY(!QFile::exists(dir.filePath("chosen")));
        // The header names the file (directories would crowd it); its tooltip has the path.
        const auto* status = window.masksPanel()->findChild<QLabel*>("masksStatus");
        QVERIFY2(status->text().contains("saved to chosen.pth"), qPrintable(status->text()));
        QVERIFY2(status->toolTip().contains(written), qPrintable(status->toolTip()));
        QVERIFY(!window.isWindowModified());
    }

    void quitPromptOffersSave()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        QVERIFY(loadAndFix(window, masksCopy(dir)));
        QMessageBox::StandardButtons offered;
        onNextDialog<QMessageBox>([&](QMessageBox* box) {
            offered = box->standardButtons();
            QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        });
        QVERIFY(!window.close());
        QCOMPARE(offered, QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
        QVERIFY(window.isVisible());
        // Save: the suggested file is written, then the window closes.
        onNextDialog<QMessageBox>([&](QMessageBox* box) {
            onNextDialog<QFileDialog>([&](QFileDialog* dialog) { typeFileName(dialog, QString()); });
            QTest::mouseClick(box->button(QMessageBox::Save), Qt::LeftButton);
        });
        window.close();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), kTimeout);
        QVERIFY(QFile::exists(dir.filePath("masks_resnet18_fixed.pth")));
        QVERIFY(!window.hasUnsavedMasks());
    }

    void newOpenAndCollapseForgetTheSelection()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(QSignalSpy(&window, &MainWindow::modelReady).wait(kTimeout));
        auto* findEdit = window.findChild<QLineEdit*>("findEdit");
        auto selectByFind = [&] {
            findEdit->setFocus();
            QTest::keyClicks(findEdit, "res.conv2");
            QTest::keyClick(findEdit, Qt::Key_Return);
        };
        selectByFind();
        QTRY_VERIFY_WITH_TIMEOUT(window.propertiesModel()->value("Type") == "Conv2d", 10000);
        QVERIFY(window.flopsPanel()->selectedNode() >= 0);
        QVERIFY(window.findPosition() == 0);

        QSignalSpy layout(window.graph(), &GraphController::layoutApplied);
        action(window, "&Collapse All")->trigger();
        QVERIFY(layout.wait(kTimeout));
        QCOMPARE(findEdit->text(), QString());
        QCOMPARE(window.findPosition(), -1);
        QCOMPARE(window.propertiesModel()->rowCount(), 0);
        QCOMPARE(window.flopsPanel()->selectedNode(), -1);

        window.graph()->expandAllBelow(QString());
        QVERIFY(layout.wait(kTimeout));
        selectByFind();
        QTRY_VERIFY_WITH_TIMEOUT(window.propertiesModel()->rowCount() > 0, 10000);
        QVERIFY(open(window, "resnet18_traced.pt"));
        QCOMPARE(findEdit->text(), QString());
        QCOMPARE(window.propertiesModel()->rowCount(), 0);
        QCOMPARE(window.flopsPanel()->selectedNode(), -1);
    }

    void propertiesAreReadable()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.openDemo();
        QVERIFY(QSignalSpy(&window, &MainWindow::modelReady).wait(kTimeout));
        // "head" is the demo's conv whose output reaches a view (its only warning).
        QVERIFY(window.find("head") >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.propertiesModel()->value("Type") == "Conv2d", 10000);
        const PropertiesModel& props = *window.propertiesModel();
        for (int r = 0; r < props.rowCount(); ++r)
            QVERIFY2(!props.item(r, 0)->text().contains('_'), qPrintable(props.item(r, 0)->text()));
        QCOMPARE(props.value("Transposed"), QString("no")); // a Conv2d, not a ConvTranspose2d
        QCOMPARE(props.value("Output padding"), QString("(0, 0)")); // aten::_convolution's default
        QVERIFY(window.report()->unsafe("head"));
        const QString reason = QString::fromStdString(window.report()->unsafe("head")->reason);
        QVERIFY(!reason.isEmpty());
        const QString warning = props.value("Warning");
        QVERIFY2(warning.contains("aten::view") && warning.contains(reason), qPrintable(warning));
        // The row is as tall as the wrapped text: nothing is cut off.
        auto* view = window.findChild<QDockWidget*>("properties")->findChild<QTableView*>();
        window.raiseDock("properties");
        int row = 0;
        while (props.item(row, 0)->text() != "Warning")
            ++row;
        const QRect cell = view->visualRect(props.index(row, 1));
        const QRect needed
            = view->fontMetrics().boundingRect(QRect(0, 0, cell.width() - 8, 10000), Qt::TextWordWrap, warning);
        QVERIFY2(
            cell.height() >= needed.height(), qPrintable(QString("%1 < %2").arg(cell.height()).arg(needed.height())));
    }

    void setsDockExplainsAModelWithoutSets()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.setsPlaceholder().contains("No model"));
        // AlexNet is a chain: no add, mul or cat ties two layers, so every set is alone.
        QVERIFY(open(window, "alexnet_traced.pt"));
        QCOMPARE(window.dependencyModel()->rowCount(), 0);
        QVERIFY2(window.setsPlaceholder().contains("No layers share channels"), qPrintable(window.setsPlaceholder()));
        // 5 convs and 3 linears, each alone (English has no plural catalogue: "layer(s)").
        QVERIFY2(window.setsPlaceholder().contains("8 prunable layer"), qPrintable(window.setsPlaceholder()));
        QVERIFY(open(window, "resnet18_traced.pt"));
        QVERIFY(window.dependencyModel()->rowCount() > 0);
        QCOMPARE(window.setsPlaceholder(), QString());
    }

    void strategyDoesNotChangeSilently()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        window.masksPanel()->loadMasks(masksCopy(dir));
        QVERIFY(waitMasks(window));
        MasksPanel& panel = *window.masksPanel();
        auto* combo = panel.findChild<QComboBox*>("strategy");
        // The first conflict is conv1's set (conv1, layer1.0.conv2, layer1.1.conv2).
        panel.selectRow(0);
        combo->setCurrentIndex(combo->findData("majority"));
        panel.selectRow(1);
        QCOMPARE(panel.strategy(), QString("majority")); // a general strategy stays
        panel.selectRow(0);
        combo->setCurrentIndex(combo->findData("reference:conv1"));
        QCOMPARE(panel.strategy(), QString("reference:conv1"));
        QCOMPARE(panel.strategyNote(), QString());
        // Another set has no conv1: the strategy falls back, and says so.
        panel.selectRow(1);
        QCOMPARE(panel.strategy(), QString("union"));
        QVERIFY2(panel.strategyNote().contains("conv1"), qPrintable(panel.strategyNote()));
        QVERIFY(combo->findData("reference:conv1") < 0);
        combo->setCurrentIndex(combo->findData("intersection"));
        QCOMPARE(panel.strategyNote(), QString());
    }

    void progressTextIsNotClipped()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.openDemo();
        QVERIFY(QSignalSpy(&window, &MainWindow::modelReady).wait(kTimeout));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PRUNESCOPE_WORKER_HANG", "open");
        window.session()->setWorkerEnvironment(env);
        window.session()->restartWorker();
        window.openModel(path("resnet18_traced.pt"));
        auto* text = window.findChild<QLabel*>("progressText");
        QTRY_VERIFY_WITH_TIMEOUT(text->isVisible(), 5000);
        QVERIFY2(text->text().contains("resnet18_traced.pt"), qPrintable(text->text()));
        QTRY_VERIFY2(text->width() >= text->sizeHint().width(),
            qPrintable(QString("%1 < %2").arg(text->width()).arg(text->sizeHint().width())));
        window.cancelAnalysis();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 10000);
        window.session()->setWorkerEnvironment(QProcessEnvironment::systemEnvironment());
        window.session()->restartWorker();
    }

    // Preferences > Language retranslates the open window at once, Qt's own dialogs too.
    // The expected texts are the catalogues': ours (translations/prunescope_zh_CN.ts:
    // 文件 = File, 依赖集 = Dependency sets, 另存为 = Save As) and Qt's qtbase_zh_CN (取消 = Cancel).
    void languageSwitchesLive()
    {
        MainWindow window;
        window.show();
        auto choose = [&](const QString& language) {
            onNextDialog<PreferencesDialog>([language](PreferencesDialog* dialog) {
                auto* combo = dialog->findChild<QComboBox*>();
                combo->setCurrentIndex(combo->findData(language));
                QTest::keyClick(dialog, Qt::Key_Return);
            });
            preferencesAction(window)->trigger();
        };
        choose("zh_CN");
        QTRY_COMPARE(window.menuBar()->actions().first()->text(), QString::fromUtf8("文件(&F)"));
        QCOMPARE(window.dock("dependencySets")->windowTitle(), QString::fromUtf8("依赖集"));
        QCOMPARE(window.masksPanel()->findChild<QPushButton*>("saveAs")->text(), QString::fromUtf8("另存为…"));
        // The legend, the charts and View > Theme follow too.
        QCOMPARE(window.dock("legend")->windowTitle(), QString::fromUtf8("图例"));
        const auto* legend = window.findChild<LegendPanel*>();
        QCOMPARE(legend->entry("layer")->text, QString::fromUtf8("方框：一次模块调用（一层）"));
        QCOMPARE(window.flopsCharts()->tabText(0), QString::fromUtf8("排名靠前的层"));
        QVERIFY(action(window, QString::fromUtf8("主题(&T)")));
        QMenu* rules = action(window, QString::fromUtf8("规则(&R)"))->menu();
        QCOMPARE(rules->actions().value(0)->text(), QString::fromUtf8("严格(&S)（跟踪每个通道的剪枝组）"));
        QVERIFY(rules->actions().value(1)->isChecked()); // NNI, the preference here, still chosen
        QVERIFY(PreferencesDialog::qtTranslationsLoaded());
        QMessageBox box(QMessageBox::Question, "t", "t", QMessageBox::Cancel);
        QCOMPARE(box.button(QMessageBox::Cancel)->text(), QString::fromUtf8("取消"));
        // The rebuilt menus hold one action per shortcut: redo still redoes.
        QTest::failOnWarning(QRegularExpression("Ambiguous shortcut"));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        int redos = 0;
        window.undoStack()->push(new CountingCommand(&redos));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(redos, 2);
        choose("en");
        QTRY_COMPARE(window.menuBar()->actions().first()->text(), QString("&File"));
        QCOMPARE(window.dock("dependencySets")->windowTitle(), QString("Dependency sets"));
        QCOMPARE(window.dock("legend")->windowTitle(), QString("Legend"));
        QCOMPARE(legend->entry("layer")->text, QString("Box: a module's call (a layer)"));
        QCOMPARE(window.flopsCharts()->tabText(2), QString("Cumulative"));
        QVERIFY(action(window, "&Theme"));
        QVERIFY(action(window, "&Rules"));
    }

    void defaultLayoutLeavesTheGraphMostOfTheWindow()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(open(window, "resnet18_traced.pt"));
        auto canvasShare = [&] {
            return double(window.view()->width()) * window.view()->height() / (window.width() * window.height());
        };
        // The old layout gave the canvas 760x460 of 1400x900 (28 %).
        QVERIFY2(canvasShare() >= 0.45, qPrintable(QString::number(canvasShare())));
        QVERIFY(window.view()->width() >= 0.7 * window.width());
        // The FLOPs table's columns fit their contents; #Params no longer fills the rest.
        QTableView* table = window.flopsPanel()->table();
        window.raiseDock("flops");
        QTRY_VERIFY(table->isVisible());
        const int params = table->columnWidth(FlopsTableModel::Params);
        QVERIFY2(params < table->viewport()->width() / 4,
            qPrintable(QString("%1 of %2").arg(params).arg(table->viewport()->width())));
        QVERIFY(params >= table->horizontalHeader()->sectionSizeHint(FlopsTableModel::Params));

        // Scatter the docks, then View > Reset Layout.
        window.dock("properties")->setFloating(true);
        window.dock("flops")->hide();
        window.addDockWidget(Qt::LeftDockWidgetArea, window.dock("dependencySets"));
        action(window, "Reset &Layout")->trigger();
        QTRY_VERIFY(window.dock("flops")->isVisible());
        QVERIFY(!window.dock("properties")->isFloating());
        QCOMPARE(window.dockWidgetArea(window.dock("dependencySets")), Qt::RightDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(window.dock("properties")), Qt::RightDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(window.dock("flops")), Qt::BottomDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(window.dock("masks")), Qt::BottomDockWidgetArea);
        // The charts and the legend share the properties' tabs, the properties in front.
        const QList<QDockWidget*> tabs = window.tabifiedDockWidgets(window.dock("properties"));
        QVERIFY(tabs.contains(window.dock("charts")));
        QVERIFY(tabs.contains(window.dock("legend")));
        QVERIFY(!window.dock("legend")->isFloating());
        QTRY_VERIFY(!window.dock("properties")->widget()->visibleRegion().isEmpty());
        QTRY_VERIFY2(canvasShare() >= 0.45, qPrintable(QString::number(canvasShare())));
    }
};

QTEST_MAIN(TestWorkflow)
#include "tst_workflow.moc"
