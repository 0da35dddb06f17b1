#include "panels/flops_charts.h"

#include "panels/flops_table_model.h"

#include <QAbstractItemModel>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFont>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QMap>
#include <QPieSeries>
#include <QTimer>
#include <QValueAxis>
#include <numeric>

namespace prunescope::ui {

namespace {

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

} // namespace

FlopsCharts::FlopsCharts(QAbstractItemModel* rows, QWidget* parent)
    : QTabWidget(parent)
    , m_rows(rows)
    , m_top(new QChart)
    , m_types(new QChart)
    , m_cumulative(new QChart)
{
    addTab(viewOf(m_top), tr("Top layers"));
    addTab(viewOf(m_types), tr("By type"));
    addTab(viewOf(m_cumulative), tr("Cumulative"));
    // Several model signals come in bursts (reset, sort, filter): redraw once.
    auto* coalesce = new QTimer(this);
    coalesce->setSingleShot(true);
    coalesce->setInterval(50);
    connect(coalesce, &QTimer::timeout, this, &FlopsCharts::refresh);
    connect(rows, &QAbstractItemModel::modelReset, coalesce, qOverload<>(&QTimer::start));
    connect(rows, &QAbstractItemModel::layoutChanged, coalesce, qOverload<>(&QTimer::start));
    connect(rows, &QAbstractItemModel::rowsInserted, coalesce, qOverload<>(&QTimer::start));
    connect(rows, &QAbstractItemModel::rowsRemoved, coalesce, qOverload<>(&QTimer::start));
}

void FlopsCharts::refresh()
{
    const int rows = m_rows->rowCount();
    const bool masked = rows > 0 && !m_rows->index(0, FlopsTableModel::Effective).data().toString().isEmpty();

    // Top layers, largest first.
    QVector<int> order(rows);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return number(m_rows, a, FlopsTableModel::Flops) > number(m_rows, b, FlopsTableModel::Flops);
    });
    order.resize(std::min(rows, kTopLayers));
    std::reverse(order.begin(), order.end()); // horizontal bars draw bottom-up
    m_top->removeAllSeries();
    for (auto* axis : m_top->axes()) {
        m_top->removeAxis(axis); // hands the axis back to us: delete it
        delete axis;
    }
    auto* series = new QHorizontalBarSeries;
    auto* before = new QBarSet(masked ? tr("before pruning") : tr("FLOPs"));
    QBarSet* nni = masked ? new QBarSet(tr("NNI's rule")) : nullptr;
    QBarSet* effective = masked ? new QBarSet(tr("after speedup")) : nullptr;
    QStringList categories;
    for (int r : order) {
        QString name = m_rows->index(r, FlopsTableModel::Name).data().toString();
        const int call = m_rows->index(r, FlopsTableModel::Call).data().toInt();
        if (call > 1)
            name += QStringLiteral(" #%1").arg(call);
        categories << name;
        *before << static_cast<double>(number(m_rows, r, FlopsTableModel::Flops));
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
    m_top->addSeries(series);
    auto* names = new QBarCategoryAxis;
    names->append(categories);
    names->setTruncateLabels(false); // layer names are what the chart is about
    // A row per layer in a dock a few hundred pixels high: the application font would
    // make the labels overlap, and QtCharts then hides them.
    QFont small = names->labelsFont();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.75));
    names->setLabelsFont(small);
    m_top->addAxis(names, Qt::AlignLeft);
    series->attachAxis(names);
    auto* values = new QValueAxis;
    values->setLabelFormat(QStringLiteral("%.2g"));
    values->setTickCount(4);
    m_top->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    m_bars = before->count();
    m_barSets = series->count();

    // By module type.
    QMap<QString, double> byType;
    for (int r = 0; r < rows; ++r)
        byType[m_rows->index(r, FlopsTableModel::Type).data().toString()]
            += static_cast<double>(number(m_rows, r, FlopsTableModel::Flops));
    m_types->removeAllSeries();
    auto* pie = new QPieSeries;
    pie->setHoleSize(0.45);
    for (auto it = byType.begin(); it != byType.end(); ++it)
        if (it.value() > 0)
            pie->append(it.key(), it.value())->setLabelVisible(byType.size() <= 8);
    m_types->addSeries(pie);
    m_slices = pie->count();

    // Cumulative along the rows' order.
    m_cumulative->removeAllSeries();
    for (auto* axis : m_cumulative->axes()) {
        m_cumulative->removeAxis(axis);
        delete axis;
    }
    auto* line = new QLineSeries;
    line->setName(masked ? tr("before pruning") : tr("cumulative FLOPs"));
    QLineSeries* effectiveLine = masked ? new QLineSeries : nullptr;
    double sum = 0, effectiveSum = 0;
    // A chart a few hundred pixels wide shows no more than this many points; a big
    // model's thousands of rows made every refresh (and paint) slow.
    const int every = std::max(1, rows / 400);
    for (int r = 0; r < rows; ++r) {
        sum += static_cast<double>(number(m_rows, r, FlopsTableModel::Flops));
        if (masked)
            effectiveSum += static_cast<double>(number(m_rows, r, FlopsTableModel::Effective));
        if (r % every != 0 && r != rows - 1)
            continue;
        line->append(r, sum);
        if (masked)
            effectiveLine->append(r, effectiveSum);
    }
    m_cumulative->addSeries(line);
    if (masked) {
        effectiveLine->setName(tr("after speedup"));
        m_cumulative->addSeries(effectiveLine);
    }
    m_cumulative->createDefaultAxes();
}

} // namespace prunescope::ui
