// SPDX-License-Identifier: MIT
// The legend, the charts and the themes through the real window and worker: the legend
// says what the scene draws (set colours and names, marks, the heat scale), the charts'
// axes read 0, 50M, 100M and a click on a bar chooses its layer, and a theme switch
// reaches the canvas, the legend and the charts.
#include "fixtures.h"
#include "graph/box_item.h"
#include "graph/edge_item.h"
#include "graph/graph_colors.h"
#include "graph/graph_view.h"
#include "graph/heat_scale.h"
#include "graph/node_item.h"
#include "graph/set_palette.h"
#include "panels/flops_charts.h"
#include "panels/flops_panel.h"
#include "panels/legend_panel.h"
#include "panels/properties_model.h"
#include "window/main_window.h"
#include "window/theme.h"

#include <QBarCategoryAxis>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QToolTip>
#include <QtTest>

using namespace prunescope::ui;
using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 180000;
// resnet18's conv1, the largest layer under NNI's default count: 64 filters of 3x7x7,
// each applied at 112x112 output positions.
constexpr double kConv1Flops = 64.0 * 3 * 7 * 7 * 112 * 112;

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

QVector<LegendEntry> setEntries(const LegendPanel& legend)
{
    QVector<LegendEntry> sets;
    for (const auto& e : legend.entries())
        if (e.kind == LegendEntry::Set)
            sets << e;
    return sets;
}

// Every set entry has the colour its members are drawn with, and names them.
void checkSetsMatchScene(const MainWindow& window, const LegendPanel& legend, ColorMode mode)
{
    const auto& sets = window.report()->sets(mode);
    int multi = 0;
    for (const auto& set : sets)
        multi += set.size() > 1;
    const auto entries = setEntries(legend);
    QCOMPARE(entries.size(), multi);
    for (const auto& e : entries) {
        QCOMPARE(e.color, setColor(e.colorIndex));
        for (const auto& layer : sets[static_cast<size_t>(e.setIndex)]) {
            const NodeItem* item = itemNamed(window, QString::fromStdString(layer));
            QVERIFY2(item, layer.c_str());
            QCOMPARE(item->look().colorIndex, e.colorIndex);
        }
    }
}

// The list on screen shows every entry (it is only made again when they change).
bool listShowsEntries(const LegendPanel& legend)
{
    auto* list = legend.findChild<QListWidget*>();
    QStringList shown;
    for (int i = 0; list && i < list->count(); ++i)
        shown << list->item(i)->text();
    for (const auto& e : legend.entries())
        if (!shown.contains(e.text))
            return false;
    return list != nullptr;
}

} // namespace

class TestLegend : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
        applyTheme(Theme::Light);
    }

    void legendSaysWhatTheSceneDraws()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        auto* legend = window.findChild<LegendPanel*>();
        QVERIFY(legend);
        // resnet18's output-channel sets of more than one layer: the stem conv with the
        // two blocks of layer1 (their adds), and each of layer2..4's downsample with its
        // two blocks' second convs.
        const auto sets = setEntries(*legend);
        QCOMPARE(sets.size(), 4);
        const LegendEntry* stem = nullptr;
        for (const auto& e : sets)
            if (e.text.contains("layer1.0.conv2"))
                stem = &e;
        QVERIFY(stem);
        QVERIFY(stem->text.contains("conv1, ") && stem->text.contains("layer1.1.conv2"));
        QCOMPARE(stem->color, setColor(itemNamed(window, "conv1")->look().colorIndex));
        checkSetsMatchScene(window, *legend, ColorMode::ChannelSets);
        for (const char* key : { "unsafe", "unsafe-inside", "layer", "op", "io", "collapsed", "expanded" })
            QVERIFY2(legend->entry(key), key);
        QVERIFY(!legend->entry("conflict") && !legend->entry("kept")); // no masks, none drawn
        QVERIFY(!legend->heatScale()->isVisibleTo(legend));

        // A click on a set's entry highlights that set (through the sets dock).
        QVERIFY(window.raiseDock("legend"));
        auto* list = legend->findChild<QListWidget*>();
        QListWidgetItem* stemItem = nullptr;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->text() == stem->text)
                stemItem = list->item(i);
        QVERIFY(stemItem);
        QTRY_VERIFY(list->isVisible());
        list->scrollToItem(stemItem);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(stemItem).center());
        QTRY_COMPARE(window.scene()->highlightedSet(), stem->setIndex);
        QVERIFY(!itemNamed(window, "layer1.1.conv2")->isDimmed());
        QVERIFY(itemNamed(window, "layer1.0.conv1")->isDimmed());
        window.scene()->clearHighlight();

        // Another colouring: other sets, other entries, still the drawn colours.
        QVERIFY(listShowsEntries(*legend));
        window.setColorMode(ColorMode::InputChannelSets);
        checkSetsMatchScene(window, *legend, ColorMode::InputChannelSets);
        QVERIFY(listShowsEntries(*legend));
        QVERIFY(legend->findChild<QListWidget*>()->item(0)->text().contains("input channels"));

        // Masks: what the window hands the scene when they are loaded.
        window.scene()->setMaskInfo({ { "conv1", { 31, 64 } } }, { "conv1" });
        QVERIFY(legend->entry("conflict") && legend->entry("kept"));
        QCOMPARE(itemNamed(window, "conv1")->look().detail, QString("31/64 kept"));
        QVERIFY(itemNamed(window, "conv1")->look().maskConflict);
        QVERIFY(listShowsEntries(*legend));
        // Only the layers whose masks changed are restyled: conv1 leaves the conflict but
        // keeps its count, layer1.0.conv1 gets one; layer1.0.conv2 was never in the masks.
        window.scene()->setMaskInfo({ { "conv1", { 31, 64 } }, { "layer1.0.conv1", { 60, 64 } } }, {});
        QCOMPARE(itemNamed(window, "conv1")->look().detail, QString("31/64 kept"));
        QVERIFY(!itemNamed(window, "conv1")->look().maskConflict);
        QCOMPARE(itemNamed(window, "layer1.0.conv1")->look().detail, QString("60/64 kept"));
        QVERIFY(!itemNamed(window, "layer1.0.conv2")->look().detail.contains("kept"));
        QVERIFY(!legend->entry("conflict") && legend->entry("kept"));
        window.scene()->setMaskInfo({}, {});
        QVERIFY(!legend->entry("conflict"));
        // Masks gone: the shapes come back. resnet18 at 1x3x224x224: conv1 is 7x7 with
        // stride 2 and padding 3 into 64 channels, (224 + 6 - 7) / 2 + 1 = 112.
        QCOMPARE(itemNamed(window, "conv1")->look().detail, QString("1x64x112x112"));
        QVERIFY(!itemNamed(window, "layer1.0.conv1")->look().detail.contains("kept"));
        QVERIFY(listShowsEntries(*legend));
    }

    void heatScaleIsTheNodesScale()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        auto* legend = window.findChild<LegendPanel*>();
        QVERIFY(window.raiseDock("legend"));
        window.flopsPanel()->setHeatOverlay(true);
        QTRY_VERIFY(legend->heatScale()->isVisibleTo(legend));
        // conv1 is the largest: the top of the scale, dark red, and the scale's last label.
        QCOMPARE(itemNamed(window, "conv1")->look().heat, 1.0);
        QCOMPARE(window.scene()->heatLargest(), kConv1Flops);
        const auto ticks = legend->heatScale()->ticks();
        QCOMPARE(ticks.size(), 3);
        QCOMPARE(ticks.front().second, QString("0"));
        QCOMPARE(ticks[1].first, 0.5);
        QCOMPARE(ticks[1].second, QString("29.5M")); // a quarter of 118.0M: the square-root scale
        QCOMPARE(ticks.back().second, QString("118M FLOPs"));
        // layer1.0.conv1 (64->64, 3x3 at 56x56) has 115605504 FLOPs: its position is the root of its share.
        QVERIFY(qAbs(itemNamed(window, "layer1.0.conv1")->look().heat - std::sqrt(115605504.0 / kConv1Flops)) < 1e-9);
        // Adds count no FLOPs in NNI's default mode: the pale end, not the hot one.
        QCOMPARE(itemNamed(window, "layer1.0.aten::add_")->look().heat, 0.0);
        QVERIFY(contrastRatio(heatColor(0), Qt::white) < 1.1);
        window.flopsPanel()->setHeatOverlay(false);
        QTRY_VERIFY(!legend->heatScale()->isVisibleTo(legend));
        QCOMPARE(itemNamed(window, "conv1")->look().heat, -1.0);
    }

    void chartsReadAndChooseLayers()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        QVERIFY(window.raiseDock("charts"));
        FlopsCharts* charts = window.flopsCharts();
        QTRY_VERIFY(charts->barCount() == FlopsCharts::kTopLayers);
        // Bottom to top: the largest last, conv1.
        QCOMPARE(charts->barName(charts->barCount() - 1), QString("conv1"));
        QFont small;
        for (auto* axis : charts->topChart()->axes())
            if (auto* names = qobject_cast<QBarCategoryAxis*>(axis))
                small = names->labelsFont();
        for (const QString& label : charts->barLabels())
            QVERIFY(QFontMetrics(small).horizontalAdvance(label) <= FlopsCharts::kNameWidth);
        // The value axis: round steps in SI units up to the largest bar.
        QCategoryAxis* values = nullptr;
        for (auto* axis : charts->topChart()->axes(Qt::Horizontal))
            values = qobject_cast<QCategoryAxis*>(axis);
        QVERIFY(values);
        QCOMPARE(values->categoriesLabels(), (QStringList { "0", "50M", "100M", "150M" }));
        for (auto* axis : charts->cumulativeChart()->axes(Qt::Vertical)) {
            auto* total = qobject_cast<QCategoryAxis*>(axis);
            QVERIFY(total);
            for (const QString& label : total->categoriesLabels())
                QVERIFY2(QRegularExpression("^[0-9.]+[KMG]?$").match(label).hasMatch(), qPrintable(label));
        }

        // Hovering a bar shows the layer's whole name.
        auto* hovered = qobject_cast<QHorizontalBarSeries*>(charts->topChart()->series().front());
        QVERIFY(hovered);
        emit hovered->hovered(true, charts->barCount() - 1, hovered->barSets().front());
        QTRY_COMPARE(QToolTip::text(), QString("conv1"));

        // A click on the middle of conv1's bar selects conv1 in the graph and the table.
        auto* series = qobject_cast<QHorizontalBarSeries*>(charts->topChart()->series().front());
        QVERIFY(series);
        const int bar = charts->barCount() - 1;
        const QPointF inChart = charts->topChart()->mapToPosition(QPointF(kConv1Flops / 2, bar), series);
        const QPoint at = charts->topView()->mapFromScene(charts->topChart()->mapToScene(inChart));
        QTest::mouseClick(charts->topView()->viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY(!window.scene()->selectedItems().isEmpty());
        auto* selected = qgraphicsitem_cast<NodeItem*>(window.scene()->selectedItems().front());
        QVERIFY(selected);
        QCOMPARE(window.report()->uniqueName(selected->nodeId()), QString("conv1"));
        const QModelIndex current = window.flopsPanel()->table()->currentIndex();
        QCOMPARE(current.siblingAtColumn(1).data().toString(), QString("conv1"));
    }

    // resnet18's forward(self, x) is x -> conv1 -> ... -> fc -> logits: one input node,
    // named x, of the default example input 1x3x224x224, whose only reader is conv1, and
    // one output node, fed by fc, of 1x1000 (a batch of one, 1000 ImageNet classes).
    void modelInputAndOutputAreDrawn()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        QVector<const NodeItem*> io;
        for (auto* item : window.scene()->nodeItems())
            if (item->look().isModelIo)
                io << item;
        QCOMPARE(io.size(), 2);
        const NodeItem* input = itemNamed(window, "input");
        const NodeItem* output = itemNamed(window, "output");
        QVERIFY(input && output && io.contains(input) && io.contains(output));
        QCOMPARE(input->look().title, QString("Input"));
        QCOMPARE(input->look().name, QString("x"));
        QCOMPARE(input->look().detail, QString("1x3x224x224"));
        QCOMPARE(output->look().title, QString("Output"));
        QCOMPARE(output->look().name, QString("output"));
        QCOMPARE(output->look().detail, QString("1x1000"));
        // Drawn edges: input -> conv1 only, fc -> output only.
        const QString inKey = QString("n:%1").arg(input->nodeId()), outKey = QString("n:%1").arg(output->nodeId());
        QStringList fromInput, intoOutput;
        for (auto* edge : window.scene()->edgeItems()) {
            if (edge->from() == inKey)
                fromInput << edge->to();
            if (edge->to() == outKey)
                intoOutput << edge->from();
            QVERIFY(edge->to() != inKey && edge->from() != outKey);
        }
        QCOMPARE(fromInput, QStringList { QString("n:%1").arg(itemNamed(window, "conv1")->nodeId()) });
        QCOMPARE(intoOutput, QStringList { QString("n:%1").arg(itemNamed(window, "fc")->nodeId()) });
        // Top to bottom: the input above everything, the output below.
        for (auto* item : window.scene()->nodeItems())
            if (item != input && item != output)
                QVERIFY(input->rect().bottom() < item->rect().top() && output->rect().top() > item->rect().bottom());
        for (auto* box : window.scene()->boxItems())
            QVERIFY(input->rect().bottom() < box->rect().top() && output->rect().top() > box->rect().bottom());
        QVERIFY(window.findChild<LegendPanel*>()->entry("io"));

        // Painted as a filled pill in both themes: inside its rounded end (left of any
        // text) the canvas shows the pill's fill, and that fill keeps its marks' and its
        // text's contrast (WCAG: 3:1 against the canvas, 4.5:1 for the text).
        window.view()->actualSize();
        for (const Theme theme : { Theme::Light, Theme::Dark }) {
            applyTheme(theme);
            const QPalette palette = theme == Theme::Light ? lightPalette() : darkPalette();
            QTRY_COMPARE(window.view()->viewport()->palette().color(QPalette::Base), palette.color(QPalette::Base));
            window.view()->centerOnItemOf(input->nodeId());
            const QPoint inside
                = window.view()->mapFromScene(QPointF(input->rect().left() + 3, input->rect().center().y()));
            const QImage shot = window.view()->viewport()->grab().toImage();
            QCOMPARE(shot.pixelColor(inside).rgb(), modelIoFill(palette).rgb());
            QVERIFY(contrastRatio(modelIoFill(palette), palette.color(QPalette::Base)) >= 3.0);
            QVERIFY(contrastRatio(textColorOn(modelIoFill(palette)), modelIoFill(palette)) >= 4.5);
        }
        applyTheme(Theme::Light);

        // A click on it: the Properties dock says what it is.
        const QPoint at = window.view()->mapFromScene(input->rect().center());
        QTest::mouseClick(window.view()->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(window.propertiesModel()->value("Model input"), QString("x"));
        QCOMPARE(window.propertiesModel()->value("Shape"), QString("1x3x224x224"));
        // The status bar counts the engine's ops, not these two.
        QVERIFY(window.report()->opCount() + 2 == static_cast<int>(window.report()->nodes().size()));
    }

    void themeReachesCanvasLegendAndCharts()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(open(window, "resnet18_traced.pt"));
        QAction* dark = nullptr;
        for (QAction* top : window.menuBar()->actions())
            for (QAction* item : top->menu() ? top->menu()->actions() : QList<QAction*>())
                if (item->menu() && item->text() == "&Theme")
                    for (QAction* choice : item->menu()->actions())
                        if (choice->text() == "&Dark")
                            dark = choice;
        QVERIFY(dark);
        const QColor lightCanvas = window.view()->viewport()->palette().color(QPalette::Base);
        dark->trigger();
        QCOMPARE(QSettings().value("view/theme").toString(), QString("dark"));
        QTRY_COMPARE(window.view()->viewport()->palette().color(QPalette::Base), darkPalette().color(QPalette::Base));
        QVERIFY(lightCanvas != window.view()->viewport()->palette().color(QPalette::Base));
        // The canvas as painted: an empty corner is the dark base.
        const QImage shot = window.view()->viewport()->grab().toImage();
        QCOMPARE(shot.pixelColor(1, 1), darkPalette().color(QPalette::Base));
        // Node text on conv1's set fill reads on the dark theme.
        const QColor fill = setFill(itemNamed(window, "conv1")->look().colorIndex, true).color();
        QVERIFY(contrastRatio(readableTextOn(fill, QApplication::palette().color(QPalette::Text)), fill) >= 4.5);
        QTRY_COMPARE(window.flopsCharts()->topChart()->backgroundBrush().color(), darkPalette().color(QPalette::Base));
        applyTheme(Theme::Light);
        saveThemeSetting(Theme::System);
        QTRY_COMPARE(window.flopsCharts()->topChart()->backgroundBrush().color(), lightPalette().color(QPalette::Base));
    }
};

QTEST_MAIN(TestLegend)
#include "tst_legend.moc"
