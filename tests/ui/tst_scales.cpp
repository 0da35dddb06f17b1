// SPDX-License-Identifier: MIT
// The numbers and colours the legend, the charts and the themes are built from: short
// axis labels, round ticks, the heat scale's direction, and WCAG contrast of every colour
// the graph draws text or marks with, in the light and dark themes.
#include "graph/graph_colors.h"
#include "graph/heat_scale.h"
#include "graph/set_palette.h"
#include "panels/flops_charts.h"
#include "panels/flops_table_model.h"
#include "panels/si_format.h"
#include "window/theme.h"

#include <QAbstractBarSeries>
#include <QApplication>
#include <QChart>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStyle>
#include <QtTest>

using namespace prunescope::ui;

class TestScales : public QObject {
    Q_OBJECT

private slots:
    void shortNumbers()
    {
        QCOMPARE(siNumber(1.8e9), QString("1.8G"));
        // resnet18's conv1: 64 filters of 3x7x7 over a 112x112 output, NNI's count.
        QCOMPARE(siNumber(64.0 * 3 * 7 * 7 * 112 * 112), QString("118M"));
        QCOMPARE(siNumber(57163008), QString("57.2M")); // three significant digits
        QCOMPARE(siNumber(3.9e7), QString("39M")); // no "3.9e7", no trailing ".0"
        QCOMPARE(siNumber(2500), QString("2.5K"));
        QCOMPARE(siNumber(999), QString("999"));
        QCOMPARE(siNumber(0), QString("0"));
        QCOMPARE(siNumber(999.7e6), QString("1G")); // rounding carries into the next prefix
        QCOMPARE(siNumber(-1.25e6), QString("-1.25M"));
        QCOMPARE(siNumber(4.2e15), QString("4.2P"));
    }

    void roundTicks()
    {
        // 118M in about 5 ticks: a rough step of 29.5M rounds up to 5 x 10^7.
        QCOMPARE(niceTicks(118013952, 5), (QVector<double> { 0, 5e7, 1e8, 1.5e8 }));
        QCOMPARE(niceTicks(1000, 5), (QVector<double> { 0, 500, 1000 })); // a step of 250 rounds up to 500
        QCOMPARE(niceTicks(0, 5), QVector<double> { 0 });
        QCOMPARE(niceTicks(-3, 5), QVector<double> { 0 });
    }

    void hotMeansBig()
    {
        // ColorBrewer YlOrRd's ends: pale yellow for nothing, dark red for the largest.
        QCOMPARE(heatColor(0).rgb(), QColor(0xff, 0xff, 0xcc).rgb());
        QCOMPARE(heatColor(1).rgb(), QColor(0x80, 0x00, 0x26).rgb());
        QCOMPARE(heatColor(-1).rgb(), heatColor(0).rgb());
        QCOMPARE(heatColor(7).rgb(), heatColor(1).rgb());
        // Darker all the way: contrast against white only grows with the value.
        double previous = 0;
        for (int i = 0; i <= 40; ++i) {
            const double contrast = contrastRatio(heatColor(i / 40.0), Qt::white);
            QVERIFY2(contrast >= previous, qPrintable(QString::number(i)));
            previous = contrast;
        }
        // A square-root scale: a quarter of the largest sits in the middle.
        QCOMPARE(heatPosition(25, 100), 0.5);
        QCOMPARE(heatPosition(100, 100), 1.0);
        QCOMPARE(heatPosition(5, 0), 0.0);
        QCOMPARE(heatValueAt(0.5, 100), 25.0);
    }

    void contrastArithmetic()
    {
        QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
        QCOMPARE(contrastRatio(Qt::white, Qt::white), 1.0);
        // #767676 is the lightest grey with 4.5:1 on white (WCAG's own example).
        QVERIFY(qAbs(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01);
        QCOMPARE(textColorOn(QColor(0x80, 0x00, 0x26)), QColor(Qt::white));
        QCOMPARE(textColorOn(QColor(0xff, 0xff, 0xcc)), QColor(Qt::black));
    }

    // The thresholds are WCAG 2.1's: 4.5:1 for text (AA, 1.4.3), 3:1 for the lines and
    // marks one must see to read the graph (non-text contrast, 1.4.11).
    void themesKeepContrast_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void themesKeepContrast()
    {
        QFETCH(bool, dark);
        const QPalette p = dark ? darkPalette() : lightPalette();
        QCOMPARE(isDarkPalette(p), dark);
        const QColor base = p.color(QPalette::Base);
        QVERIFY(contrastRatio(p.color(QPalette::Text), base) >= 7); // body text: AAA
        QVERIFY(contrastRatio(p.color(QPalette::WindowText), p.color(QPalette::Window)) >= 7);
        QVERIFY(contrastRatio(p.color(QPalette::ButtonText), p.color(QPalette::Button)) >= 4.5);
        QVERIFY(contrastRatio(p.color(QPalette::HighlightedText), p.color(QPalette::Highlight)) >= 4.5);
        QVERIFY(contrastRatio(secondaryTextColor(p), base) >= 4.5); // shapes, counts, frame titles
        QVERIFY(contrastRatio(edgeColor(p), base) >= 3); // edges and outlines
        QVERIFY(contrastRatio(p.color(QPalette::Highlight), base) >= 3); // the selected path
        QVERIFY(contrastRatio(conflictColor(p), base) >= 3); // the dashed conflict border
        // Text on every set colour's fill (32 sets: plain and hatched rounds) and on the
        // whole heat scale.
        for (int set = 0; set < 32; ++set) {
            const QColor fill = setFill(set, dark).color();
            QVERIFY2(contrastRatio(readableTextOn(fill, p.color(QPalette::Text)), fill) >= 4.5,
                qPrintable(QString::number(set)));
        }
        for (int i = 0; i <= 40; ++i) {
            const QColor fill = heatColor(i / 40.0);
            QVERIFY(contrastRatio(textColorOn(fill), fill) >= 4.5);
        }
    }

    // Long layer names beside the bars: elided in the middle to the name column's width,
    // both ends kept, names that elide alike still two bars, the whole name kept for
    // the tooltip.
    void chartNamesAreElidedInTheMiddle()
    {
        QStandardItemModel rows(0, FlopsTableModel::ColumnCount);
        const QStringList names { "backbone.stage4.block12.attention.projection.out",
            "backbone.stage4.block13.attention.projection.out", "fc" };
        for (int i = 0; i < names.size(); ++i) {
            QList<QStandardItem*> row;
            for (int c = 0; c < FlopsTableModel::ColumnCount; ++c)
                row << new QStandardItem;
            row[FlopsTableModel::Index]->setData(100 + i, FlopsTableModel::NodeRole);
            row[FlopsTableModel::Name]->setText(names[i]);
            row[FlopsTableModel::Flops]->setData(qlonglong(1000000) * (i + 1), FlopsTableModel::SortRole);
            rows.appendRow(row);
        }
        FlopsCharts charts(&rows);
        charts.refresh();
        QCOMPARE(charts.barCount(), 3);
        // Bottom to top, the largest last: fc (3M), then the two long names.
        QCOMPARE(charts.barName(2), QString("fc"));
        QCOMPARE(charts.barNode(2), 102);
        QCOMPARE(charts.barName(0), names[0]);
        const QStringList labels = charts.barLabels();
        QCOMPARE(labels[2], QString("fc"));
        QVERIFY(labels[0] != labels[1]);
        for (int i : { 0, 1 }) {
            QVERIFY2(labels[i].contains(QChar(0x2026)), qPrintable(labels[i]));
            QVERIFY(labels[i].startsWith("backbone."));
            QVERIFY(QString(labels[i]).remove(QChar(0x200B)).endsWith(".out"));
        }
        QSignalSpy clicked(&charts, &FlopsCharts::layerClicked);
        auto* series = qobject_cast<QAbstractBarSeries*>(charts.topChart()->series().front());
        QVERIFY(series);
        emit series->clicked(1, series->barSets().front());
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.front().front().toInt(), 101);
    }

    // The menu's choice is applied to the application and remembered.
    void themeIsAppliedAndRemembered()
    {
        const QColor system = QApplication::palette().color(QPalette::Base);
        const QString style = QApplication::style()->name();
        applyTheme(Theme::Dark);
        QCOMPARE(QApplication::style()->name().toLower(), QString("fusion"));
        QCOMPARE(QApplication::palette().color(QPalette::Base), darkPalette().color(QPalette::Base));
        applyTheme(Theme::Light);
        QCOMPARE(QApplication::palette().color(QPalette::Base), lightPalette().color(QPalette::Base));
        // System: the platform's own style and palette again.
        applyTheme(Theme::Dark);
        applyTheme(Theme::System);
        QCOMPARE(QApplication::style()->name(), style);
        QCOMPARE(QApplication::palette().color(QPalette::Base), system);
        QCOMPARE(currentTheme(), Theme::System);
        QCOMPARE(parseTheme("dark", Theme::System), Theme::Dark);
        QCOMPARE(parseTheme("purple", Theme::Light), Theme::Light);
    }
};

QTEST_MAIN(TestScales)
#include "tst_scales.moc"
