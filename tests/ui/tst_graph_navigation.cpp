// SPDX-License-Identifier: MIT
// Finding one's way in the graph, through the real window and QTest input events: Fit
// shows the top level readable, choosing a set frames its members, Esc or a click on
// empty canvas ends a highlight, Ctrl+0 is 100 %, Shift+F frames the selection, the
// minimap's rectangle drags the view, and Expand to Depth folds by level.
#include "engine/engine_client.h"
#include "fixtures.h"
#include "graph/box_item.h"
#include "graph/graph_controller.h"
#include "graph/graph_navigator.h"
#include "graph/graph_view.h"
#include "graph/minimap.h"
#include "graph/node_item.h"
#include "panels/dependency_set_model.h"
#include "panels/masks_panel.h"
#include "window/main_window.h"
#include "window/rules_menu.h"

#include <QListView>
#include <QMenuBar>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace prunescope::ui;
using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 180000;

bool open(MainWindow& window, const QString& path)
{
    QSignalSpy ready(&window, &MainWindow::modelReady);
    window.openModel(path);
    return ready.wait(kTimeout);
}

bool waitLayout(MainWindow& window)
{
    QSignalSpy applied(window.graph(), &GraphController::layoutApplied);
    return applied.wait(kTimeout);
}

const NodeItem* itemNamed(const MainWindow& window, const QString& uniqueName)
{
    for (auto* item : window.scene()->nodeItems())
        if (window.report()->uniqueName(item->nodeId()) == uniqueName)
            return item;
    return nullptr;
}

// Is the scene rectangle wholly on screen in the view?
bool onScreen(const GraphView* view, const QRectF& rect)
{
    const QRect shown = view->mapFromScene(rect).boundingRect();
    return view->viewport()->rect().contains(shown);
}

// Keys go to the window's shortcuts the way a user's do: to the focused view.
void press(MainWindow& window, int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    window.view()->setFocus();
    QTest::keyClick(window.view(), static_cast<Qt::Key>(key), modifiers);
}

} // namespace

class TestGraphNavigation : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    void showWindow(MainWindow& window)
    {
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // NNI v2.9's sets, which these tests check; tst_rules checks the strict rules (the app's default).
        RulesMenu::setPreferred(QStringLiteral("nni"));
        qputenv("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
    }

    // mobilenet_v2 opens fully expanded (153 ops, under the default budget): far too
    // tall to read whole. F folds it to its top level, which then fits, readable.
    void fitFoldsATallGraphToItsReadableTopLevel()
    {
        MainWindow window;
        showWindow(window);
        QVERIFY(open(window, QString::fromStdString(fixture("mobilenet_v2_traced.pt"))));
        QVERIFY(window.scene()->boxItem("features")->isExpanded());
        QSignalSpy fitted(window.navigator(), &GraphNavigator::fitted);
        press(window, Qt::Key_F);
        QVERIFY(fitted.count() == 1 || fitted.wait(kTimeout));
        // The top level: MobileNetV2.forward calls features, then pooling, flatten and
        // the classifier (torchvision's code), so two collapsed boxes and its own ops.
        QVERIFY(window.scene()->boxItem("features") && !window.scene()->boxItem("features")->isExpanded());
        QVERIFY(window.scene()->boxItem("classifier") && !window.scene()->boxItem("classifier")->isExpanded());
        QCOMPARE(window.scene()->boxItems().size(), 2);
        QVERIFY2(
            window.view()->zoom() >= GraphNavigator::kReadableZoom, qPrintable(QString::number(window.view()->zoom())));
        QVERIFY(onScreen(window.view(), window.scene()->itemsBoundingRect()));
        QVERIFY(!window.minimap()->isVisible()); // nothing to find: the map steps aside
    }

    // A top level of 300 blocks (7 ops each, 2,106 ops with the stem and head, the size the
    // issue names) cannot be folded further and never fits readable: F shows its start at
    // a readable zoom rather than a line.
    void fitShowsTheStartOfATopLevelTooTallToFit()
    {
        const QString model = m_dir.filePath("flat300.pt");
        QProcess python;
        python.start(PRUNESCOPE_TORCH_PYTHON,
            { QString(PRUNESCOPE_SOURCE_DIR) + "/bench/make_residual_net.py", "300", model, "--flat" });
        QVERIFY(python.waitForFinished(kTimeout));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        MainWindow window;
        showWindow(window);
        QVERIFY(open(window, model));
        QSignalSpy fitted(window.navigator(), &GraphNavigator::fitted);
        press(window, Qt::Key_F);
        QVERIFY(fitted.count() == 1 || fitted.wait(kTimeout));
        QVERIFY(window.view()->zoom() >= GraphNavigator::kReadableZoom);
        QVERIFY(window.report()->opCount() >= 2000);
        QCOMPARE(window.scene()->boxItems().size(), 301); // the stem and 300 blocks, folded
        QVERIFY(onScreen(window.view(), window.scene()->boxItem("stem")->rect()));
        QVERIFY(!onScreen(window.view(), window.scene()->boxItem("block299")->rect()));
        // The minimap stays a usable strip, not a line: at least its minimum width.
        QVERIFY(window.minimap()->isVisible());
        QVERIFY(window.minimap()->width() >= MiniMap::kMinWidth);
        QVERIFY(window.minimap()->height() > 2 * window.minimap()->width());
    }

    // Clicking a set frames its members; Esc ends the highlight and the list's selection;
    // a click on empty canvas does too.
    void choosingASetFramesItsMembersAndEscEndsIt()
    {
        MainWindow window;
        showWindow(window);
        QVERIFY(open(window, QString::fromStdString(fixture("resnet18_traced.pt"))));
        // resnet18's second multi-layer set: layer2.0.conv2, layer2.0.downsample.0 and
        // layer2.1.conv2, tied by layer2's two adds (the first set is conv1's).
        QListView* list = window.dependencyList();
        const QModelIndex second = window.dependencyModel()->index(1, 0);
        const QStringList members { "layer2.0.conv2", "layer2.0.downsample.0", "layer2.1.conv2" };
        QRectF area;
        for (const auto& name : members) {
            QVERIFY2(itemNamed(window, name), qPrintable(name));
            area |= itemNamed(window, name)->rect();
        }
        QVERIFY(!onScreen(window.view(), area)); // the first view shows the model's start
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(second).center());
        QVERIFY(window.scene()->hasHighlight());
        QVERIFY(onScreen(window.view(), area));
        QVERIFY(!itemNamed(window, "layer2.0.conv2")->isDimmed());
        QVERIFY(itemNamed(window, "layer2.0.conv1")->isDimmed());

        press(window, Qt::Key_Escape);
        QVERIFY(!window.scene()->hasHighlight());
        QVERIFY(!itemNamed(window, "layer2.0.conv1")->isDimmed());
        QVERIFY(list->selectionModel()->selectedRows().isEmpty());

        // Again, then a click on the empty canvas beside the graph.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(second).center());
        QVERIFY(window.scene()->hasHighlight());
        const QPoint empty(5, window.view()->viewport()->height() / 2);
        QVERIFY(window.view()->itemAt(empty) == nullptr);
        QTest::mouseClick(window.view()->viewport(), Qt::LeftButton, {}, empty);
        QVERIFY(!window.scene()->hasHighlight());
        QVERIFY(list->selectionModel()->selectedRows().isEmpty());
    }

    // Choosing a mask conflict frames its layers too: resnet18's four residual sets
    // conflict with these masks (see tst_masks_panel), the lower three out of the
    // first view, which shows the model's start.
    void choosingAConflictFramesItsLayers()
    {
        MainWindow window;
        showWindow(window);
        QVERIFY(open(window, QString::fromStdString(fixture("resnet18_traced.pt"))));
        QSignalSpy masks(&window, &MainWindow::masksChanged);
        window.masksPanel()->loadMasks(QString::fromStdString(fixture("masks_resnet18.pth")));
        QVERIFY(masks.wait(kTimeout));
        QVERIFY(window.raiseDock("masks"));
        QListView* list = window.masksPanel()->list();
        QCOMPARE(list->model()->rowCount(), 4);
        int offScreenBefore = 0;
        for (int row = 0; row < 4; ++row) {
            const QModelIndex index = list->model()->index(row, 0);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
            QVERIFY(window.scene()->hasHighlight());
            const QRectF lit = window.scene()->highlightRect();
            QVERIFY(!lit.isEmpty());
            QVERIFY2(onScreen(window.view(), lit), qPrintable(QString("row %1").arg(row)));
            window.view()->showStart(false); // back to the start for the next one
            offScreenBefore += !onScreen(window.view(), lit);
        }
        QVERIFY(offScreenBefore >= 3);
    }

    void zoomKeys()
    {
        MainWindow window;
        showWindow(window);
        QVERIFY(open(window, QString::fromStdString(fixture("resnet18_traced.pt"))));
        const NodeItem* conv = itemNamed(window, "layer3.0.conv1");
        QVERIFY(conv);
        // Click a node, Shift+F: framed at the largest zoom frame() allows.
        window.view()->centerOn(conv->rect().center());
        const QPoint at = window.view()->mapFromScene(conv->rect().center());
        QTest::mouseClick(window.view()->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(conv->isSelected());
        window.view()->zoomBy(0.5);
        press(window, Qt::Key_F, Qt::ShiftModifier);
        QCOMPARE(window.view()->zoom(), 1.5);
        const QPointF center = window.view()->mapToScene(window.view()->viewport()->rect().center());
        // Centred as far as the scene's edge lets it (the node is near the left edge).
        QVERIFY(onScreen(window.view(), conv->rect()));
        QVERIFY2(qAbs(center.y() - conv->rect().center().y()) < 2, qPrintable(QString::number(center.y())));
        // Ctrl+0: 100 %, around the same place.
        press(window, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(window.view()->zoom(), 1.0);
        QVERIFY(onScreen(window.view(), conv->rect()));
    }

    // Dragging the minimap's rectangle moves the view by the same distance, in scene
    // units through the map's scale.
    void minimapRectangleDragsTheView()
    {
        MainWindow window;
        showWindow(window);
        QVERIFY(open(window, QString::fromStdString(fixture("resnet18_traced.pt"))));
        window.view()->actualSize();
        MiniMap* map = window.minimap();
        const QRectF before = map->visibleArea();
        const QPointF sceneBefore = window.view()->mapToScene(window.view()->viewport()->rect().center());
        const QPoint grab = before.center().toPoint();
        const QPoint to = grab + QPoint(0, 40);
        QTest::mousePress(map, Qt::LeftButton, {}, grab);
        QTest::mouseMove(map, grab + QPoint(0, 20));
        QTest::mouseMove(map, to);
        QTest::mouseRelease(map, Qt::LeftButton, {}, to);
        const QPointF sceneAfter = window.view()->mapToScene(window.view()->viewport()->rect().center());
        const double expected = map->toScene(QPointF(to)).y() - map->toScene(QPointF(grab)).y();
        QVERIFY(expected > 100); // the map is small: 40 px there are many scene units
        QVERIFY2(qAbs(sceneAfter.y() - sceneBefore.y() - expected) < 3,
            qPrintable(QString("moved %1, expected %2").arg(sceneAfter.y() - sceneBefore.y()).arg(expected)));
        QVERIFY(qAbs(map->visibleArea().center().y() - to.y()) < 2);
    }

    void expandToDepthFoldsByLevel()
    {
        MainWindow window;
        showWindow(window);
        QVERIFY(open(window, QString::fromStdString(fixture("resnet18_traced.pt"))));
        QMenu* depth = nullptr;
        for (QAction* action : window.menuBar()->actions())
            for (QAction* item : action->menu() ? action->menu()->actions() : QList<QAction*>())
                if (item->menu() && item->text() == "Expand to &Depth")
                    depth = item->menu();
        QVERIFY(depth);
        emit depth->aboutToShow();
        // resnet18: layer1..4 at depth 1, their BasicBlocks at 2, downsample at 3.
        QCOMPARE(depth->actions().size(), 3);
        depth->actions().at(0)->trigger();
        QVERIFY(waitLayout(window));
        for (const char* layer : { "layer1", "layer2", "layer3", "layer4" })
            QVERIFY(window.scene()->boxItem(layer)->isExpanded());
        QVERIFY(!window.scene()->boxItem("layer1.0")->isExpanded());
        QCOMPARE(window.scene()->boxItems().size(), 4 + 8);
    }
};

QTEST_MAIN(TestGraphNavigation)
#include "tst_graph_navigation.moc"
