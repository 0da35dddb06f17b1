// SPDX-License-Identifier: MIT
#include "panels/flops_charts.h"

#include "graph/graph_colors.h"
#include "graph/set_palette.h"
#include "panels/flops_table_model.h"
#include "panels/si_format.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QFont>
#include <QFontMetrics>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QMap>
#include <QPieSeries>
#include <QPieSlice>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <numeric>

namespace prunescope::ui {

namespace {

// Okabe-Ito: before, NNI's rule, after speedup; distinguishable with any common colour
// vision deficiency and on light or dark backgrounds.
const QColor kSeriesColors[] = { QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00), QColor(0x00, 0x9E, 0x73) };

QChartView* viewOf(QChart* chart)
{
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return view;
}

qint64 number(QAbstractItemModel* model, int row, int column)
{
    return model->index(row, column).data(FlopsTableModel::SortRole).toLongLong();
}

void removeAxes(QChart* chart)
{
    for (auto* axis : chart->axes()) {
        chart->removeAxis(axis); // hands the axis back to us: delete it
        delete axis;
    }
}

// A value axis labelled 0, 50M, 100M…: QValueAxis only knows printf formats.
QCategoryAxis* siAxis(double largest)
{
    auto* axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const QVector<double> ticks = niceTicks(largest, 5);
    for (double tick : ticks)
        axis->append(siNumber(tick), tick);
    axis->setRange(0, std::max(ticks.back(), 1.0));
    axis->setStartValue(0);
    return axis;
}

} // namespace

FlopsCharts::FlopsCharts(QAbstractItemModel* rows, QWidget* parent)
    : QTabWidget(parent)
    , m_rows(rows)
    , m_top(new QChart)
    , m_types(new QChart)
    , m_cumulative(new QChart)
{
    m_topView = viewOf(m_top);
    addTab(m_topView, QString());
    addTab(viewOf(m_types), QString());
    addTab(viewOf(m_cumulative), QString());
    retranslate();
    // Several model signals come in bursts (reset, sort, filter): redraw once.
    auto* coalesce = new QTimer(this);
    coalesce->setSingleShot(true);
    coalesce->setInterval(50);
    connect(coalesce, &QTimer::timeout, this, &FlopsCharts::refresh);
    connect(rows, &QAbstractItemModel::modelReset, coalesce, qOverload<>(&QTimer::start));
    connect(rows, &QAbstractItemModel::dataChanged, coalesce, qOverload<>(&QTimer::start));
    connect(rows, &QAbstractItemModel::layoutChanged, coalesce, qOverload<>(&QTimer::start));
    connect(rows, &QAbstractItemModel::rowsInserted, coalesce, qOverload<>(&QTimer::start));
    connect(rows, &QAbstractItemModel::rowsRemoved, coalesce, qOverload<>(&QTimer::start));
}

void FlopsCharts::changeEvent(QEvent* event)
{
    QTabWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refresh(); // the charts' colours come from the palette
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        refresh(); // the series' names and the axes' titles
    }
}

void FlopsCharts::retranslate()
{
    setTabText(0, tr("Top layers"));
    setTabText(1, tr("By type"));
    setTabText(2, tr("Cumulative"));
}

void FlopsCharts::styleChart(QChart* chart) const
{
    const QPalette p = palette();
    chart->setBackgroundBrush(p.color(QPalette::Base));
    chart->setPlotAreaBackgroundVisible(false);
    chart->legend()->setLabelColor(p.color(QPalette::Text));
    for (auto* axis : chart->axes()) {
        axis->setLabelsColor(p.color(QPalette::Text));
        axis->setTitleBrush(p.color(QPalette::Text));
        axis->setLinePenColor(edgeColor(p));
        QColor grid = edgeColor(p);
        grid.setAlpha(90);
        axis->setGridLineColor(grid);
    }
}

void FlopsCharts::refresh()
{
    const int rows = m_rows->rowCount();
    const bool masked = rows > 0 && !m_rows->index(0, FlopsTableModel::Effective).data().toString().isEmpty();

    // Each row's FLOPs read once: through the model, the sort's comparisons were most of
    // a refresh at 10,000 rows.
    QVector<qint64> flopsOf(rows);
    for (int r = 0; r < rows; ++r)
        flopsOf[r] = number(m_rows, r, FlopsTableModel::Flops);

    // Top layers, largest first (ties in the table's order).
    QVector<int> order(rows);
    std::iota(order.begin(), order.end(), 0);
    const int top = std::min(rows, kTopLayers);
    std::partial_sort(order.begin(), order.begin() + top, order.end(),
        [&](int a, int b) { return flopsOf[a] != flopsOf[b] ? flopsOf[a] > flopsOf[b] : a < b; });
    order.resize(top);
    std::reverse(order.begin(), order.end()); // horizontal bars draw bottom-up
    m_top->removeAllSeries();
    removeAxes(m_top);
    auto* series = new QHorizontalBarSeries;
    auto* before = new QBarSet(masked ? tr("before pruning") : tr("FLOPs"));
    QBarSet* nni = masked ? new QBarSet(tr("NNI's rule")) : nullptr;
    QBarSet* effective = masked ? new QBarSet(tr("after speedup")) : nullptr;
    auto* names = new QBarCategoryAxis;
    // A row per layer in a dock a few hundred pixels high: the application font would
    // make the labels overlap, and QtCharts then hides them.
    QFont small = names->labelsFont();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    names->setLabelsFont(small);
    const QFontMetrics metrics(small);
    m_barNodes.clear();
    m_barNames.clear();
    m_barLabels.clear();
    double largest = 0;
    for (int r : order) {
        QString name = m_rows->index(r, FlopsTableModel::Name).data().toString();
        const int call = m_rows->index(r, FlopsTableModel::Call).data().toInt();
        if (call > 1)
            name += QStringLiteral(" #%1").arg(call);
        // Elided in the middle: a layer's path starts with its stage and ends with its kind.
        QString label = metrics.elidedText(name, Qt::ElideMiddle, kNameWidth);
        while (m_barLabels.contains(label)) // the axis keeps one bar per distinct label
            label += QChar(0x200B);
        m_barNodes << m_rows->index(r, 0).data(FlopsTableModel::NodeRole).toInt();
        m_barNames << name;
        m_barLabels << label;
        const auto flops = static_cast<double>(flopsOf[r]);
        largest = std::max(largest, flops);
        *before << flops;
        if (masked) {
            *nni << static_cast<double>(number(m_rows, r, FlopsTableModel::Masked));
            *effective << static_cast<double>(number(m_rows, r, FlopsTableModel::Effective));
        }
    }
    series->append(before);
    if (masked) {
        series->append(nni);
        series->append(effective);
    }
    const auto sets = series->barSets();
    for (int i = 0; i < sets.size(); ++i) {
        sets[i]->setColor(kSeriesColors[i % 3]);
        sets[i]->setBorderColor(kSeriesColors[i % 3]);
    }
    m_top->addSeries(series);
    names->append(m_barLabels);
    names->setTruncateLabels(false); // already elided to fit
    m_top->addAxis(names, Qt::AlignLeft);
    series->attachAxis(names);
    QCategoryAxis* values = siAxis(largest);
    m_top->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    connect(series, &QHorizontalBarSeries::hovered, this, [this](bool on, int index, QBarSet*) {
        if (on)
            QToolTip::showText(QCursor::pos(), barName(index), m_topView);
        else
            QToolTip::hideText();
    });
    connect(series, &QHorizontalBarSeries::clicked, this, [this](int index, QBarSet*) {
        if (const int node = barNode(index); node >= 0)
            emit layerClicked(node);
    });
    m_bars = before->count();
    m_barSets = series->count();
    styleChart(m_top);

    // By module type.
    QMap<QString, double> byType;
    for (int r = 0; r < rows; ++r)
        byType[m_rows->index(r, FlopsTableModel::Type).data().toString()] += static_cast<double>(flopsOf[r]);
    m_types->removeAllSeries();
    auto* pie = new QPieSeries;
    pie->setHoleSize(0.45);
    for (auto it = byType.begin(); it != byType.end(); ++it)
        if (it.value() > 0) {
            QPieSlice* slice = pie->append(it.key(), it.value());
            slice->setLabelVisible(byType.size() <= 8);
            slice->setColor(setColor(pie->count() - 1));
            slice->setLabelColor(palette().color(QPalette::Text));
            slice->setBorderColor(palette().color(QPalette::Base));
        }
    m_types->addSeries(pie);
    m_slices = pie->count();
    styleChart(m_types);

    // Cumulative along the rows' order.
    m_cumulative->removeAllSeries();
    removeAxes(m_cumulative);
    auto* line = new QLineSeries;
    line->setName(masked ? tr("before pruning") : tr("cumulative FLOPs"));
    line->setColor(kSeriesColors[0]);
    QLineSeries* effectiveLine = masked ? new QLineSeries : nullptr;
    double sum = 0, effectiveSum = 0;
    // A chart a few hundred pixels wide shows no more than this many points; a big
    // model's thousands of rows made every refresh (and paint) slow.
    const int every = std::max(1, rows / 400);
    for (int r = 0; r < rows; ++r) {
        sum += static_cast<double>(flopsOf[r]);
        if (masked)
            effectiveSum += static_cast<double>(number(m_rows, r, FlopsTableModel::Effective));
        if (r % every != 0 && r != rows - 1)
            continue;
        line->append(r + 1, sum);
        if (masked)
            effectiveLine->append(r + 1, effectiveSum);
    }
    m_cumulative->addSeries(line);
    if (masked) {
        effectiveLine->setName(tr("after speedup"));
        effectiveLine->setColor(kSeriesColors[2]);
        m_cumulative->addSeries(effectiveLine);
    }
    auto* layers = new QValueAxis;
    layers->setLabelFormat(QStringLiteral("%d"));
    layers->setRange(0, std::max(1, rows));
    layers->applyNiceNumbers(); // ticks on whole, round layer counts
    layers->setTitleText(tr("layers, in the order they run"));
    m_cumulative->addAxis(layers, Qt::AlignBottom);
    QCategoryAxis* total = siAxis(sum);
    m_cumulative->addAxis(total, Qt::AlignLeft);
    for (auto* s : m_cumulative->series()) {
        s->attachAxis(layers);
        s->attachAxis(total);
    }
    styleChart(m_cumulative);
}

} // namespace prunescope::ui
