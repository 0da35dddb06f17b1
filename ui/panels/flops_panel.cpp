// SPDX-License-Identifier: MIT
#include "panels/flops_panel.h"

#include "panels/flops_table_model.h"

#include "model/report.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace prunescope::ui {

namespace {

// Filters on the name and type columns only: numbers should not match "conv".
class NameTypeFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const QRegularExpression expression = filterRegularExpression();
        if (expression.pattern().isEmpty())
            return true;
        for (int column : { FlopsTableModel::Name, FlopsTableModel::Type })
            if (sourceModel()->index(row, column, parent).data().toString().contains(expression))
                return true;
        return false;
    }
};

QString reduction(int64_t after, int64_t before)
{
    if (before <= 0)
        return {};
    return FlopsPanel::tr("−%1%").arg(
        100.0 * static_cast<double>(before - after) / static_cast<double>(before), 0, 'f', 1);
}

} // namespace

FlopsPanel::FlopsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new FlopsTableModel(this))
    , m_proxy(new NameTypeFilter(this))
    , m_table(new QTableView)
    , m_mode(new QComboBox)
    , m_filter(new QLineEdit)
    , m_heat(new QCheckBox)
    , m_totals(new QLabel)
    , m_modeLabel(new QLabel)
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FlopsTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FlopsTableModel::Index, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Columns fit the rows in view, not all of them: a big model has thousands, and
    // measuring even the first 200 on every change (each masks reply hides or shows two
    // columns) cost a frame.
    m_table->horizontalHeader()->setResizeContentsPrecision(0);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // No column stretches: the last visible one (#Params, often) took half the table.
    m_table->horizontalHeader()->setStretchLastSection(false);

    for (FlopsMode mode : { FlopsMode::Default, FlopsMode::Full, FlopsMode::Extended })
        m_mode->addItem(QString(), int(mode));
    m_filter->setClearButtonEnabled(true);
    retranslate();
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setWordWrap(true);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_modeLabel);
    bar->addWidget(m_mode);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_heat);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totals);

    // A short pause after typing before filtering, as big tables refilter slowly.
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(m_filter, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, [this] { setFilterText(m_filter->text()); });
    connect(m_mode, &QComboBox::activated, this, [this] { emit modeChanged(mode()); });
    connect(m_heat, &QCheckBox::toggled, this, &FlopsPanel::heatOverlayToggled);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& index) {
        if (index.isValid())
            emit nodeActivated(index.data(FlopsTableModel::NodeRole).toInt());
    });
}

void FlopsPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        if (!m_totals->text().isEmpty()) // no totals before the first model
            updateTotals();
        emit m_model->headerDataChanged(Qt::Horizontal, 0, FlopsTableModel::ColumnCount - 1);
    }
}

void FlopsPanel::retranslate()
{
    m_heat->setText(tr("Heat overlay"));
    m_modeLabel->setText(tr("Mode:"));
    m_mode->setItemText(0, tr("default (NNI)"));
    m_mode->setItemText(1, tr("full (NNI)"));
    m_mode->setItemText(2, tr("extended (all MACs)"));
    m_mode->setToolTip(tr("default and full: NNI v2.9's count_flops_params; extended: multiply-accumulates of every "
                          "conv, linear and matmul over all positions and tokens"));
    m_filter->setPlaceholderText(tr("Filter by name or type"));
    m_heat->setToolTip(tr("Colour the graph's nodes by their share of the total FLOPs (light: little, dark: much)"));
}

FlopsMode FlopsPanel::mode() const { return static_cast<FlopsMode>(m_mode->currentData().toInt()); }

void FlopsPanel::setMode(FlopsMode mode)
{
    const int index = m_mode->findData(int(mode));
    if (index >= 0)
        m_mode->setCurrentIndex(index);
}

bool FlopsPanel::heatOverlay() const { return m_heat->isChecked(); }

void FlopsPanel::setHeatOverlay(bool on) { m_heat->setChecked(on); }

void FlopsPanel::setFlops(FlopsResult data)
{
    m_model->setData(std::move(data));
    m_table->setColumnHidden(FlopsTableModel::Call, !m_model->flops().hasMultiUse());
    m_table->setColumnHidden(FlopsTableModel::Masked, !m_model->flops().masked);
    m_table->setColumnHidden(FlopsTableModel::Effective, !m_model->flops().masked);
    updateTotals();
}

void FlopsPanel::setFilterText(const QString& text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterRegularExpression(
        QRegularExpression(QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption));
}

void FlopsPanel::selectNode(int node)
{
    const int row = m_model->rowOfNode(node);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid() || m_table->currentIndex().row() == index.row())
        return;
    QSignalBlocker block(m_table->selectionModel());
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void FlopsPanel::clearSelection()
{
    QSignalBlocker block(m_table->selectionModel());
    m_table->selectionModel()->clear();
}

int FlopsPanel::selectedNode() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().data(FlopsTableModel::NodeRole).toInt();
}

QString FlopsPanel::totalsText() const { return m_totals->text(); }

void FlopsPanel::updateTotals()
{
    const FlopsResult& d = m_model->flops();
    const QLocale locale;
    auto number = [&](int64_t n) { return locale.toString(static_cast<qint64>(n)); };
    QString text = tr("%1 total: <b>%2</b> · #Params total: %3 (counted layers) · model: %4 parameters")
                       .arg(d.mode == FlopsMode::Extended ? tr("MACs") : tr("FLOPs"), number(d.total), number(d.params),
                           number(d.model_params));
    if (d.masked)
        text += QStringLiteral("<br>")
            + tr("With masks: %1 by NNI's rule (%2) · <b>%3 after speedup (%4)</b> · %5 parameters after speedup")
                  .arg(number(d.masked_total), reduction(d.masked_total, d.total), number(d.effective_total),
                      reduction(d.effective_total, d.total), number(d.effective_params));
    QStringList uncounted;
    for (const auto& u : d.uncounted)
        uncounted << qs(u.type);
    if (!uncounted.isEmpty())
        text += QStringLiteral("<br>") + tr("Not counted in this mode: %1").arg(uncounted.join(QStringLiteral(", ")));
    m_totals->setText(text);
}

} // namespace prunescope::ui
