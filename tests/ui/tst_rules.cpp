// SPDX-License-Identifier: MIT
// Analysis > Rules in the real window with the real worker: strict pruning groups (the
// app's default) or NNI v2.9's sets; the choice is remembered; layers where the two
// differ are marked; a chosen group lists its members with their roles.
#include "engine/session.h"
#include "fixtures.h"
#include "graph/graph_controller.h"
#include "graph/graph_view.h"
#include "graph/node_item.h"
#include "panels/dependency_set_model.h"
#include "panels/legend_panel.h"
#include "panels/masks_panel.h"
#include "panels/properties_model.h"
#include "window/main_window.h"
#include "window/rules_menu.h"

#include <QDockWidget>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace prunescope::ui;
using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 180000;

bool open(MainWindow& window, const std::string& file)
{
    QSignalSpy ready(&window, &MainWindow::modelReady);
    window.openModel(QString::fromStdString(fixture(file)));
    return ready.wait(kTimeout);
}

const NodeItem* itemNamed(const MainWindow& window, const QString& uniqueName)
{
    for (auto* item : window.scene()->nodeItems())
        if (window.report()->uniqueName(item->nodeId()) == uniqueName)
            return item;
    return nullptr;
}

QAction* actionIn(QMenu* menu, const QString& objectName, const QString& title = {})
{
    for (QAction* a : menu->actions())
        if ((!objectName.isEmpty() && a->objectName() == objectName) || (!title.isEmpty() && a->text() == title))
            return a;
    return nullptr;
}

// Analysis > Rules > `objectName`, with the mouse, as a person picks it.
bool chooseRules(MainWindow& window, const char* objectName)
{
    QMenuBar* bar = window.menuBar();
    QAction* analysis = nullptr;
    for (QAction* a : bar->actions())
        if (a->menu() && a->menu()->title() == MainWindow::tr("&Analysis"))
            analysis = a;
    if (!analysis) {
        qWarning("no Analysis menu");
        return false;
    }
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(analysis).center());
    QMenu* menu = analysis->menu();
    if (!QTest::qWaitFor([&] { return menu->isVisible(); })) {
        qWarning("the Analysis menu did not open");
        return false;
    }
    QAction* rules = actionIn(menu, {}, RulesMenu::tr("&Rules"));
    if (!rules || !rules->menu()) {
        qWarning("no Rules menu");
        return false;
    }
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(rules).center());
    QMenu* sub = rules->menu();
    if (!QTest::qWaitFor([&] { return sub->isVisible(); })) {
        qWarning("the Rules menu did not open");
        return false;
    }
    QAction* choice = actionIn(sub, QString::fromLatin1(objectName));
    if (!choice) {
        qWarning("no action %s", objectName);
        return false;
    }
    // The arrow keys to the choice, then Return (a click right after the popup opens is
    // taken for the end of the drag that opened it).
    for (int i = 0; i < sub->actions().size() && sub->activeAction() != choice; ++i)
        QTest::keyClick(sub, Qt::Key_Down);
    if (sub->activeAction() != choice) {
        qWarning("the choice could not be reached");
        return false;
    }
    QTest::keyClick(sub, Qt::Key_Return);
    return QTest::qWaitFor([&] { return choice->isChecked(); }, 5000);
}

// The worker answers a rules change with the same graph drawn with other sets.
bool waitSets(MainWindow& window)
{
    QSignalSpy ready(&window, &MainWindow::modelReady);
    return ready.wait(kTimeout);
}

} // namespace

class TestRules : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings of the tests stay apart
        qputenv("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
        QSettings().remove(QStringLiteral("analysis/rules")); // the app's default
    }

    // mobilenet_v2's features.1.conv.0.0 is a depthwise conv (32 groups) on the 32
    // channels of features.0.0 (through its BN and ReLU6): removing input channel c
    // removes its filter c, so under strict rules the two share one group. NNI v2.9 has
    // no depthwise rule and nothing else (no add: features.1 has no residual) ties them.
    void rulesMenuChangesTheSetsAndIsRemembered()
    {
        const QString depthwise = QStringLiteral("features.1.conv.0.0"), stem = QStringLiteral("features.0.0");
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(open(window, "mobilenet_v2_traced.pt"));
            QVERIFY(window.report()->isStrict()); // strict is the default
            QCOMPARE(window.session()->state().settings.rules, std::string("strict"));
            auto* setsDock = window.findChild<QDockWidget*>(QStringLiteral("dependencySets"));
            QVERIFY(setsDock);
            QCOMPARE(setsDock->windowTitle(), QString("Pruning groups"));
            const int tied = window.report()->setOf(ColorMode::ChannelSets, depthwise);
            QVERIFY(tied >= 0);
            QCOMPARE(window.report()->setOf(ColorMode::ChannelSets, stem), tied);
            QVERIFY(window.scene()->colorIndexOfSet(tied) >= 0); // a multi-layer set: coloured

            QVERIFY(chooseRules(window, "rulesNni"));
            QVERIFY(waitSets(window));
            QVERIFY(!window.report()->isStrict());
            QCOMPARE(window.session()->state().settings.rules, std::string("nni"));
            QCOMPARE(setsDock->windowTitle(), QString("Dependency sets"));
            const int alone = window.report()->setOf(ColorMode::ChannelSets, depthwise);
            QVERIFY(alone >= 0);
            QCOMPARE(window.report()->channelSets()[static_cast<size_t>(alone)],
                std::vector<std::string> { depthwise.toStdString() });
            QVERIFY(window.report()->setOf(ColorMode::ChannelSets, stem) != alone);
        }
        // A new window (the app restarted) opens under the rules chosen last.
        QCOMPARE(QSettings().value("analysis/rules").toString(), QString("nni"));
        {
            MainWindow window;
            window.show();
            QVERIFY(window.findChild<QAction*>("rulesNni")->isChecked());
            QVERIFY(open(window, "mobilenet_v2_traced.pt"));
            QVERIFY(!window.report()->isStrict());
            QVERIFY(chooseRules(window, "rulesStrict"));
            QVERIFY(waitSets(window));
            QVERIFY(window.report()->isStrict());
            QCOMPARE(window.report()->setOf(ColorMode::ChannelSets, depthwise),
                window.report()->setOf(ColorMode::ChannelSets, stem));
        }
        QCOMPARE(QSettings().value("analysis/rules").toString(), QString("strict"));
    }

    // The depthwise conv above is listed in the differences: it wears the marker, its
    // tooltip and Properties give the reason; a layer strict and NNI agree on does not.
    void layersWhereTheRulesDifferAreMarked()
    {
        RulesMenu::setPreferred(QStringLiteral("strict"));
        MainWindow window;
        window.show();
        QVERIFY(open(window, "mobilenet_v2_traced.pt"));
        window.graph()->expandAllBelow(QString());
        QSignalSpy applied(window.graph(), &GraphController::layoutApplied);
        QVERIFY(applied.wait(kTimeout));
        const QString depthwise = QStringLiteral("features.1.conv.0.0");
        const auto differences = window.report()->differencesOf(depthwise);
        QVERIFY(!differences.empty());
        const NodeItem* item = itemNamed(window, depthwise);
        QVERIFY(item);
        QVERIFY(item->hasRulesMarker());
        const QString reason = QString::fromStdString(differences.front()->reason);
        QVERIFY2(reason.contains(QLatin1String("depthwise")), qPrintable(reason));
        const auto* node = window.report()->nodeByUniqueName(depthwise);
        QVERIFY(window.scene()->nodeTooltip(*node).contains(reason.toHtmlEscaped()));
        window.view()->centerOn(item->rect().center());
        QTest::mouseClick(
            window.view()->viewport(), Qt::LeftButton, {}, window.view()->mapFromScene(item->rect().center()));
        QVERIFY(item->isSelected());
        QCOMPARE(window.propertiesModel()->value(PropertiesModel::tr("Strict vs NNI v2.9")), reason);
        // Every marked layer is one the differences name, and back.
        int marked = 0;
        for (auto* n : window.scene()->nodeItems()) {
            const QString& name = window.report()->name(n->nodeId());
            const bool listed = window.report()->nodes()[static_cast<size_t>(n->nodeId())].isModule()
                && !window.report()->differencesOf(name).empty();
            QCOMPARE(n->hasRulesMarker(), listed);
            marked += listed;
        }
        QVERIFY(marked > 1);
        QVERIFY(marked < window.scene()->nodeItems().size());

        // The legend explains the marker and names the colours as the strict groups they are.
        auto* legend = window.findChild<LegendPanel*>();
        QVERIFY(legend);
        QVERIFY(legend->entry(QStringLiteral("rules-differ")));
        int groups = 0;
        for (const auto& e : legend->entries())
            if (e.kind == LegendEntry::Set) {
                QVERIFY2(e.text.startsWith(QStringLiteral("Group ")), qPrintable(e.text));
                QVERIFY(window.report()->strictGroup(e.setIndex));
                ++groups;
            }
        QVERIFY(groups > 0);
        QVERIFY(legend->findChild<QListWidget*>()->item(0)->text().startsWith(
            LegendPanel::tr("Strict pruning groups (output channels)")));
    }

    // The Masks dock under the rules in force. masks_conv_mobilenet_v2 masks every conv
    // on its own, so features.0.0 and its depthwise conv features.1.conv.0.0 do not keep
    // the same channels: under strict rules (one group) that is a conflict; under NNI's,
    // where the depthwise conv is alone, no conflict set holds it. The strict fix leaves
    // no conflict.
    void theMasksDockFollowsTheRules()
    {
        RulesMenu::setPreferred(QStringLiteral("strict"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(open(window, "mobilenet_v2_traced.pt"));
        QSignalSpy masks(&window, &MainWindow::masksChanged);
        window.masksPanel()->loadMasks(QString::fromStdString(fixture("masks_conv_mobilenet_v2.json")));
        QVERIFY(masks.wait(kTimeout));
        auto holdsDepthwise = [&] {
            for (const auto& set : window.session()->conflicts().sets)
                if (set.conflict
                    && std::find(set.layers.begin(), set.layers.end(), "features.1.conv.0.0") != set.layers.end())
                    return true;
            return false;
        };
        QVERIFY(holdsDepthwise());
        // The rows name what the sets are under the rules in force ("Grouped conv" rows aside).
        auto rowsStartingWith = [&](const char* prefix) {
            const QAbstractItemModel* rows = window.masksPanel()->list()->model();
            int n = 0;
            for (int r = 0; r < rows->rowCount(); ++r)
                n += rows->index(r, 0).data().toString().startsWith(QLatin1String(prefix));
            return n;
        };
        QVERIFY(rowsStartingWith("Group ") > 0);
        QCOMPARE(rowsStartingWith("Set "), 0);
        QVERIFY(chooseRules(window, "rulesNni"));
        QVERIFY(waitSets(window));
        QVERIFY(!holdsDepthwise());
        QTRY_VERIFY(rowsStartingWith("Set ") > 0);
        QCOMPARE(rowsStartingWith("Group "), 0);
        QVERIFY(chooseRules(window, "rulesStrict"));
        QVERIFY(waitSets(window));
        QVERIFY(holdsDepthwise());
        // The fix's own answer (a masksChanged of the rules switch may still be on its way).
        Reply* fix = window.session()->fixMasks(std::nullopt, QStringLiteral("union"));
        QSignalSpy fixed(fix, &Reply::finished);
        QVERIFY(fixed.wait(kTimeout));
        QCOMPARE(window.session()->conflicts().conflicts(), size_t(0));
    }

    // resnet18's first group: conv1's 64 filters, tied by the adds of layer1 to
    // layer1.0.conv2 and layer1.1.conv2. conv1's output goes through bn1, relu and the
    // max pool into layer1.0.conv1, which reads all 64 as its input channels.
    void aChosenGroupListsItsMembersWithRoles()
    {
        RulesMenu::setPreferred(QStringLiteral("strict"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(open(window, "resnet18_traced.pt"));
        const int set = window.report()->setOf(ColorMode::ChannelSets, QStringLiteral("conv1"));
        QVERIFY(set >= 0);
        QListView* list = window.dependencyList();
        const QModelIndex index = window.dependencyModel()->index(window.dependencyModel()->rowOfSet(set), 0);
        QVERIFY(index.isValid());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
        PropertiesModel* properties = window.propertiesModel();
        QVERIFY(properties->value(PropertiesModel::tr("Pruning group")).contains(QLatin1String("root conv1")));
        // The group has the number the list gives it.
        QVERIFY(properties->value(PropertiesModel::tr("Pruning group"))
                    .startsWith(QStringLiteral("Group %1,").arg(set + 1)));
        QVERIFY(index.data().toString().startsWith(QStringLiteral("Group %1 ").arg(set + 1)));
        QCOMPARE(properties->value(PropertiesModel::tr("Channels")), QString("64"));
        QStringList members;
        for (int r = 0; r < properties->rowCount(); ++r)
            if (properties->item(r, 0)->text() == PropertiesModel::tr("Member"))
                members << properties->item(r, 1)->text();
        QVERIFY2(members.contains(QLatin1String("in-channels 0-63 of layer1.0.conv1")), qPrintable(members.join("; ")));
        QVERIFY2(members.contains(QLatin1String("out-channels 0-63 of conv1")), qPrintable(members.join("; ")));
        QVERIFY2(members.contains(QLatin1String("per-channel 0-63 of bn1.weight")), qPrintable(members.join("; ")));
    }
};

QTEST_MAIN(TestRules)
#include "tst_rules.moc"
