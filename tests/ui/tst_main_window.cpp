// SPDX-License-Identifier: MIT
// The desktop app through its real window, with the real engine worker
// (prunescope-cli serve) on the demo model and torchvision fixtures.
#include "engine/session.h"
#include "fixtures.h"
#include "graph/box_item.h"
#include "graph/detail_level.h"
#include "graph/edge_item.h"
#include "graph/graph_colors.h"
#include "graph/graph_controller.h"
#include "graph/graph_layer.h"
#include "graph/graph_scene.h"
#include "graph/graph_view.h"
#include "graph/node_item.h"
#include "graph/set_palette.h"
#include "panels/dependency_set_model.h"
#include "panels/module_tree_model.h"
#include "panels/properties_model.h"
#include "window/main_window.h"
#include "window/rules_menu.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using namespace prunescope::ui;
using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 180000;

bool waitReady(MainWindow& window)
{
    QSignalSpy ready(&window, &MainWindow::modelReady);
    return ready.wait(kTimeout);
}

bool open(MainWindow& window, const std::string& file, const QString& inputs = {})
{
    QSignalSpy ready(&window, &MainWindow::modelReady);
    window.openModel(QString::fromStdString(fixture(file)), inputs);
    return ready.wait(kTimeout);
}

// How many pixels two pictures of the same size differ in.
int differingPixels(const QImage& a, const QImage& b)
{
    if (a.size() != b.size())
        return -1;
    int count = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            count += a.pixel(x, y) != b.pixel(x, y);
    return count;
}

const NodeItem* itemNamed(const MainWindow& window, const QString& uniqueName)
{
    for (auto* item : window.scene()->nodeItems())
        if (window.report()->uniqueName(item->nodeId()) == uniqueName)
            return item;
    return nullptr;
}

int collapsedBoxes(const MainWindow& window)
{
    int n = 0;
    for (auto* box : window.scene()->boxItems())
        n += !box->isExpanded();
    return n;
}

// The next request starts a fresh worker with a test hook of prunescope-cli serve
// (PRUNESCOPE_WORKER_HANG or PRUNESCOPE_WORKER_ABORT, set to a method), or with none.
void restartWorker(MainWindow& window, const char* hook = nullptr, const char* method = nullptr)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (hook)
        env.insert(hook, method);
    window.session()->setWorkerEnvironment(env);
    window.session()->restartWorker();
}

bool waitLayout(MainWindow& window)
{
    QSignalSpy applied(window.graph(), &GraphController::layoutApplied);
    return applied.wait(kTimeout);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings of the tests stay apart
        // NNI v2.9's sets, which these tests check; tst_rules checks the strict rules (the app's default).
        RulesMenu::setPreferred(QStringLiteral("nni"));
        qputenv("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
    }

    void demoModelShowsEveryFeature()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(waitReady(window));
        const Report& report = *window.report();
        QCOMPARE(report.modelType(), QString("DemoNet"));
        // The demo is small: the default expansion shows every node.
        QCOMPARE(size_t(window.scene()->nodeItems().size()), report.nodes().size());
        QCOMPARE(collapsedBoxes(window), 0);
        // Its one conv feeding view carries the only warning badge, and its tooltip says why.
        for (auto* item : window.scene()->nodeItems())
            QCOMPARE(item->hasBadge(), report.uniqueName(item->nodeId()) == QLatin1String("head"));
        const QString tip = window.scene()->nodeTooltip(*report.nodeByUniqueName("head"));
        QVERIFY2(tip.contains("Not safe to prune") && tip.contains("aten::view"), qPrintable(tip));
        QVERIFY(window.scene()->edgeTooltip({ report.nodeByUniqueName("head")->outputs.front() }).contains("x"));
        // Residual add and separable block: two coloured sets.
        QCOMPARE(window.dependencyModel()->rowCount(), 2);
        QCOMPARE(itemNamed(window, "stem.0.0")->look().colorIndex, itemNamed(window, "res.conv2")->look().colorIndex);
        QVERIFY(itemNamed(window, "stem.0.0")->look().colorIndex >= 0);
        QVERIFY(!window.scene()->edgeItems().isEmpty());
        QVERIFY(window.windowTitle().contains("demo_model.pt"));
    }

    // Zoomed out below the outline level (a whole expanded net of 10,000 ops fitted in the
    // window), nodes are plain rectangles: still in their set's fill, and the warning
    // badge still on the unsafe layer's corner.
    void farZoomKeepsColoursAndWarnings()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.openDemo();
        QVERIFY(waitReady(window));
        const NodeItem* coloured = itemNamed(window, "stem.0.0");
        const NodeItem* unsafe = itemNamed(window, "head");
        QVERIFY(coloured && unsafe && coloured->look().colorIndex >= 0 && unsafe->look().unsafe);
        const double zoom = kLevelForOutline * 0.95;
        window.view()->setTransform(QTransform::fromScale(zoom, zoom));
        window.view()->centerOn(coloured);
        QImage shot = window.view()->viewport()->grab().toImage();
        const QPoint centre = window.view()->mapFromScene(coloured->rect().center());
        QCOMPARE(shot.pixelColor(centre).rgb(),
            setFill(coloured->look().colorIndex, isDarkPalette(QApplication::palette())).color().rgb());
        // There the layer draws the nodes and edges in batches (the items have no contents
        // of their own); its picture is the one the items' own paint() makes at this zoom,
        // plain, with a set highlighted (the others dimmed) and with a node selected.
        GraphScene* scene = window.scene();
        QVERIFY(coloured->flags() & QGraphicsItem::ItemHasNoContents);
        const auto itemsDrawn = [&] {
            GraphLayer::setBatching(false);
            const auto restore = qScopeGuard([] { GraphLayer::setBatching(true); });
            window.view()->viewport()->update();
            return window.view()->viewport()->grab().toImage();
        };
        QCOMPARE(differingPixels(shot, itemsDrawn()), 0);
        scene->highlightSet(scene->setIndexOfColor(coloured->look().colorIndex));
        QVERIFY(scene->hasHighlight());
        shot = window.view()->viewport()->grab().toImage();
        QCOMPARE(differingPixels(shot, itemsDrawn()), 0);
        scene->clearHighlight();
        // The selection frame takes the highlight colour: Qt does not repaint an item
        // without contents, the layer repaints on a selection.
        const_cast<NodeItem*>(coloured)->setSelected(true);
        shot = window.view()->viewport()->grab().toImage();
        QCOMPARE(shot.pixelColor(window.view()->mapFromScene(coloured->rect().topLeft())).rgb(),
            QApplication::palette().color(QPalette::Highlight).rgb());
        QCOMPARE(differingPixels(shot, itemsDrawn()), 0);
        const_cast<NodeItem*>(coloured)->setSelected(false);
        // The badge's middle: 4 units left of the right edge, 1 below the top.
        window.view()->centerOn(unsafe);
        shot = window.view()->viewport()->grab().toImage();
        const QPoint badge = window.view()->mapFromScene(unsafe->rect().topRight() + QPointF(-4, 1));
        QCOMPARE(shot.pixelColor(badge).rgb(), QColor(0xFF, 0xB0, 0x00).rgb());
        // The far-zoom pens and brushes are made once per palette: a theme change makes
        // them again (the dark theme's fill is another tint of the set's colour).
        const QPalette light = QApplication::palette();
        QVERIFY(!isDarkPalette(light));
        const auto restore = qScopeGuard([&] { QApplication::setPalette(light); });
        QPalette dark = light;
        dark.setColor(QPalette::Base, QColor(30, 30, 34));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        QApplication::setPalette(dark);
        window.view()->centerOn(coloured);
        shot = window.view()->viewport()->grab().toImage();
        const QPoint darkCentre = window.view()->mapFromScene(coloured->rect().center());
        QCOMPARE(shot.pixelColor(darkCentre).rgb(), setFill(coloured->look().colorIndex, true).color().rgb());
        QVERIFY(
            setFill(coloured->look().colorIndex, true).color() != setFill(coloured->look().colorIndex, false).color());
        // Deleting a selected node asks for a repaint of the layer, which a new layout
        // deletes first (the AddressSanitizer run of this test checks it is not used then).
        const_cast<NodeItem*>(coloured)->setSelected(true);
        scene->setGeometry(GraphGeometry());
        QVERIFY(scene->nodeItems().isEmpty());
        QVERIFY(scene->selectedItems().isEmpty());
    }

    void foldingChangesTheVisibleItems()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(waitReady(window));
        // Collapsed to the top level: one item per top-level module that holds ops
        // (leaf modules stay single nodes) and per op of the model's own forward.
        QSet<QString> topBoxes;
        int topNodes = 0;
        for (const auto& node : window.report()->nodes()) {
            const QString scope = QString::fromStdString(node.scope);
            const bool module = node.isModule();
            if ((module && !scope.contains('.')) || (!module && scope.isEmpty()))
                ++topNodes;
            else
                topBoxes.insert(scope.section('.', 0, 0));
        }
        window.graph()->collapseAll();
        QVERIFY(waitLayout(window));
        QCOMPARE(window.scene()->nodeItems().size(), topNodes);
        QCOMPARE(collapsedBoxes(window), topBoxes.size());
        // Expanding "res" shows its two Sequential/convs: conv1 (a box), conv2, bn2, relu and the add.
        window.graph()->setExpanded("res", true);
        QVERIFY(waitLayout(window));
        QVERIFY(window.scene()->boxItem("res")->isExpanded());
        QVERIFY(itemNamed(window, "res.conv2") != nullptr);
        QVERIFY(window.scene()->boxItem("res.conv1") && !window.scene()->boxItem("res.conv1")->isExpanded());
        QCOMPARE(window.scene()->nodeItems().size(), topNodes + 4);
        // Double-click on a collapsed box expands it (the signal the item emits).
        emit window.scene()->boxItem("res.conv1")->toggleRequested("res.conv1");
        QVERIFY(waitLayout(window));
        QVERIFY(itemNamed(window, "res.conv1.0") != nullptr);
        window.graph()->expandAllBelow(QString());
        QVERIFY(waitLayout(window));
        QCOMPARE(size_t(window.scene()->nodeItems().size()), window.report()->nodes().size());
    }

    void aBigGeometryIsBuiltOverSeveralTurns()
    {
        MainWindow window;
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        // A few items a turn: resnet18's expanded graph (its ~70 ops, their edges) then
        // takes many turns, as a 10,000-op model's does with the real batch size.
        GraphScene::setItemsPerTurn(5);
        const auto restore = qScopeGuard([] { GraphScene::setItemsPerTurn(4000); });
        QSignalSpy applied(window.scene(), &GraphScene::geometryApplied);
        window.graph()->expandAllBelow(QString());
        // One loop pass at a time (a QTRY's wait would let the whole build run).
        QElapsedTimer waited;
        waited.start();
        while (!window.scene()->isBuilding() && waited.elapsed() < kTimeout)
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        QVERIFY(window.scene()->isBuilding());
        const auto partial = window.scene()->nodeItems().size();
        QVERIFY(partial < qsizetype(window.report()->nodes().size()));
        // Collapsing while it builds: the expanded build is dropped, the collapsed one wins.
        window.graph()->collapseAll();
        QVERIFY(waitLayout(window));
        QVERIFY(!window.scene()->isBuilding());
        QCOMPARE(applied.count(), 1);
        QVERIFY(!window.scene()->boxItems().isEmpty());
        for (auto* box : window.scene()->boxItems())
            QVERIFY(!box->isExpanded());
        QVERIFY(window.scene()->nodeItems().size() < qsizetype(window.report()->nodes().size()) / 2);
        // Expanded again, to the end this time: every node, and each edge drawn once.
        window.graph()->expandAllBelow(QString());
        QVERIFY(waitLayout(window));
        QCOMPARE(size_t(window.scene()->nodeItems().size()), window.report()->nodes().size());
        QCOMPARE(applied.count(), 2);

        // The highlight finds each edge's ends by item: an edge is emphasised exactly when
        // both its ends are lit (drawn and not dimmed), which the test reads off the items
        // by the edges' own keys ("n:<node id>").
        window.dependencyList()->setCurrentIndex(window.dependencyModel()->index(0, 0));
        QVERIFY(window.scene()->hasHighlight());
        for (const EdgeItem* edge : window.scene()->edgeItems()) {
            const auto lit = [&](const QString& key) {
                const NodeItem* node = key.startsWith("n:") ? window.scene()->nodeItem(key.mid(2).toInt()) : nullptr;
                return node && !node->isDimmed();
            };
            const bool both = lit(edge->from()) && lit(edge->to());
            QCOMPARE(edge->emphasis(), both ? 1 : -1);
        }
        QVERIFY(window.scene()->edgeItems().size() >= window.report()->opCount()); // connected
        window.scene()->clearHighlight();
        for (const EdgeItem* edge : window.scene()->edgeItems())
            QCOMPARE(edge->emphasis(), 0);
    }

    void resnet18SetsAreColouredAndSearchable()
    {
        MainWindow window;
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        const int first = itemNamed(window, "conv1")->look().colorIndex;
        QVERIFY(first >= 0);
        QCOMPARE(itemNamed(window, "layer1.0.conv2")->look().colorIndex, first);
        QCOMPARE(itemNamed(window, "layer1.1.conv2")->look().colorIndex, first);
        const int second = itemNamed(window, "layer2.0.conv2")->look().colorIndex;
        QVERIFY(second >= 0 && second != first);
        QCOMPARE(itemNamed(window, "layer2.0.downsample.0")->look().colorIndex, second);
        QCOMPARE(itemNamed(window, "layer1.0.conv1")->look().colorIndex, -1); // alone in its set
        for (auto* item : window.scene()->nodeItems())
            QVERIFY(!item->hasBadge()); // resnet18 has no view/reshape after a conv

        // Selecting a set in the list highlights its members and dims the rest.
        window.dependencyList()->setCurrentIndex(window.dependencyModel()->index(0, 0));
        QVERIFY(!itemNamed(window, "conv1")->isDimmed());
        QVERIFY(!itemNamed(window, "layer1.0.aten::add_")->isDimmed()); // the add that ties them
        QVERIFY(itemNamed(window, "layer1.0.conv1")->isDimmed());

        QVERIFY(window.find("layer3.1.conv2") >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(!window.scene()->selectedItems().isEmpty(), 10000);
        auto* selected = qgraphicsitem_cast<NodeItem*>(window.scene()->selectedItems().front());
        QVERIFY(selected);
        QCOMPARE(window.report()->uniqueName(selected->nodeId()), QString("layer3.1.conv2"));
        QCOMPARE(window.propertiesModel()->value("Type"), QString("Conv2d"));
        QCOMPARE(window.propertiesModel()->value("Out channels"), QString("256"));
        QVERIFY(window.propertiesModel()->value("Dependency set").contains("layer3.0.downsample.0"));

        window.setPruneType(prunescope::PruneType::Batchnorm);
        QVERIFY(waitReady(window));
        QCOMPARE(window.report()->pruneType(), QString("Batchnorm"));
        QVERIFY(itemNamed(window, "bn1")->look().colorIndex >= 0);
        QCOMPARE(itemNamed(window, "bn1")->look().colorIndex, itemNamed(window, "layer1.0.bn2")->look().colorIndex);
    }

    void itemModelsPassTheModelTester()
    {
        MainWindow window;
        window.show();
        auto* sets = new QAbstractItemModelTester(
            window.dependencyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
        auto* props = new QAbstractItemModelTester(
            window.propertiesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
        auto* tree = new QAbstractItemModelTester(
            window.moduleTreeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
        Q_UNUSED(sets);
        Q_UNUSED(props);
        Q_UNUSED(tree);
        QVERIFY(open(window, "resnet18_traced.pt"));
        window.find("layer2.0.conv1");
        window.dependencyModel()->setShowSingletons(true);
        window.setColorMode(ColorMode::InputChannelSets);
        QCOMPARE(window.moduleTreeModel()->rowCount(), 1); // the root module
        QVERIFY(open(window, "mobilenet_v2_traced.pt"));
        window.find("features.3.conv.2");
    }

    void exportsWriteValidFiles()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(waitReady(window));
        const QString png = m_dir.filePath("graph.png"), svg = m_dir.filePath("graph.svg");
        QCOMPARE(window.exportGraph(png, false), QString());
        QImage image(png);
        QVERIFY(!image.isNull() && image.width() > 100 && image.height() > 100);
        QCOMPARE(window.exportGraph(svg, true), QString());
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        const QString csv = m_dir.filePath("deps.csv"), json = m_dir.filePath("report.json");
        QCOMPARE(window.exportReport(csv), QString());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QVERIFY(csvFile.readAll().startsWith("Dependency Set,Convolutional Layers\nSet 1,"));
        QSignalSpy exported(&window, &MainWindow::reportExported);
        QCOMPARE(window.exportReport(json), QString());
        QVERIFY(exported.wait(kTimeout));
        QCOMPARE(exported.front()[1].toString(), QString());
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QCOMPARE(
            QJsonDocument::fromJson(jsonFile.readAll()).object()["format"].toString(), QString("prunescope-report/1"));
        QVERIFY(!window.exportGraph(m_dir.filePath("no/such/dir/x.png"), false).isEmpty());
    }

    void badFileKeepsThePreviousModel()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(waitReady(window));
        const QString before = window.modelPath();
        const int items = window.scene()->nodeItems().size();
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.openModel(QString::fromStdString(fixture("pickled_module.pt")));
        QVERIFY(failed.wait(kTimeout));
        QVERIFY2(window.lastError().contains("pickled nn.Module"), qPrintable(window.lastError()));
        QCOMPARE(window.modelPath(), before);
        QCOMPARE(window.scene()->nodeItems().size(), items);
        QVERIFY(window.findChild<QMessageBox*>() != nullptr);
    }

    void cancelStopsARunningAnalysis()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(waitReady(window));
        const QString before = window.modelPath();
        // The worker hangs on "open"; Cancel must stop it and keep the window.
        restartWorker(window, "PRUNESCOPE_WORKER_HANG", "open");
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.openModel(QString::fromStdString(fixture("resnet18_traced.pt")));
        QTRY_VERIFY_WITH_TIMEOUT(window.isBusy(), 5000);
        QTest::qWait(500);
        window.cancelAnalysis();
        QVERIFY(failed.count() == 1 || failed.wait(10000));
        QVERIFY(!window.isBusy());
        QCOMPARE(window.modelPath(), before);
        // Without the hook, the next open works in a fresh worker.
        restartWorker(window);
        QVERIFY(open(window, "resnet18_traced.pt"));
    }

    void hungWorkerIsStoppedAfterTheTimeout()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(waitReady(window));
        const QString before = window.modelPath();
        const int nodes = static_cast<int>(window.report()->nodes().size());
        window.session()->setRequestTimeout(3);
        restartWorker(window, "PRUNESCOPE_WORKER_HANG", "open");
        QSignalSpy failed(&window, &MainWindow::openFailed);
        QElapsedTimer clock;
        clock.start();
        window.openModel(QString::fromStdString(fixture("resnet18_traced.pt")));
        // The status bar counts the seconds against the limit while the worker hangs.
        QTRY_VERIFY_WITH_TIMEOUT(window.elapsedText() == "2 s of 3 s", 5000);
        QVERIFY(failed.wait(10000));
        // Not before the limit, and soon after it (the worker is killed, not waited for).
        QVERIFY2(clock.elapsed() >= 2950, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(window.lastError().contains("did not answer within 3 second"), qPrintable(window.lastError()));
        QVERIFY(window.errorBox() && window.errorBox()->isVisible());
        QVERIFY(window.errorBox()->text().contains("demo_model.pt stays open"));
        QVERIFY(!window.isBusy());
        QCOMPARE(window.modelPath(), before);
        QCOMPARE(static_cast<int>(window.report()->nodes().size()), nodes);
        // A fresh worker, without the hook and with the usual limit, opens the next model.
        window.session()->setRequestTimeout(Session::kDefaultTimeoutSeconds);
        restartWorker(window);
        QVERIFY(open(window, "resnet18_traced.pt"));
    }

    void workerCrashLeavesTheWindowWorking()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(waitReady(window));
        const QString before = window.modelPath();
        restartWorker(window, "PRUNESCOPE_WORKER_ABORT", "open");
        QSignalSpy failed(&window, &MainWindow::openFailed);
        window.openModel(QString::fromStdString(fixture("resnet18_traced.pt")));
        QVERIFY(failed.wait(kTimeout));
        QVERIFY2(window.lastError().contains("crashed"), qPrintable(window.lastError()));
        QCOMPARE(window.modelPath(), before);
        QVERIFY(!window.scene()->nodeItems().isEmpty());
        restartWorker(window);
        QVERIFY(open(window, "resnet18_traced.pt"));
        QVERIFY(window.modelPath().endsWith("resnet18_traced.pt"));
    }

    // The compiled zh_CN catalogue is in the resources and translates the menu bar; the
    // expected titles are the Simplified Chinese conventions (文件 = File, 帮助 = Help).
    void chineseTranslationTranslatesTheMenus()
    {
        QTranslator chinese;
        QVERIFY(chinese.load(":/i18n/prunescope_zh_CN.qm"));
        QVERIFY(QCoreApplication::installTranslator(&chinese));
        QStringList titles;
        {
            MainWindow window;
            for (auto* action : window.menuBar()->actions())
                titles << action->text();
        }
        QCoreApplication::removeTranslator(&chinese);
        QVERIFY2(titles.contains(QString::fromUtf8("文件(&F)")), qPrintable(titles.join(" | ")));
        QVERIFY2(titles.contains(QString::fromUtf8("视图(&V)")), qPrintable(titles.join(" | ")));
        QVERIFY2(titles.contains(QString::fromUtf8("帮助(&H)")), qPrintable(titles.join(" | ")));
        // Without it, English again.
        MainWindow english;
        QCOMPARE(english.menuBar()->actions().first()->text(), QString("&File"));
    }

    void screenshotMode()
    {
        const QString out = m_dir.filePath("shot.png");
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        app.setProcessEnvironment(env);
        app.start(PRUNESCOPE_APP, { "--screenshot", out, "--size", "1000x700" });
        QVERIFY(app.waitForFinished(kTimeout));
        QCOMPARE(app.exitCode(), 0);
        const QImage image(out);
        QCOMPARE(image.size(), QSize(1000, 700));
        // A bad model: non-zero exit and a message.
        app.start(PRUNESCOPE_APP, { "--screenshot", out, QString::fromStdString(fixture("pickled_module.pt")) });
        QVERIFY(app.waitForFinished(kTimeout));
        QVERIFY(app.exitCode() != 0);
        QVERIFY(app.readAllStandardError().contains("pickled nn.Module"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
