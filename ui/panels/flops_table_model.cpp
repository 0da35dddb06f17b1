// SPDX-License-Identifier: MIT
#include "panels/flops_table_model.h"

#include "model/report.h"

#include <QLocale>

#include <algorithm>
#include <array>
#include <utility>

namespace prunescope::ui {

namespace {

QString tuple(const Shape& shape)
{
    if (shape.empty())
        return QStringLiteral("–");
    QStringList dims;
    for (qint64 d : shape)
        dims << QString::number(d);
    return QStringLiteral("(") + dims.join(QStringLiteral(", ")) + QStringLiteral(")");
}

// The columns whose text differs between two results of the same rows: first and last.
std::pair<int, int> changedColumns(const FlopsResult& a, const FlopsResult& b)
{
    std::array<bool, FlopsTableModel::ColumnCount> changed {};
    const bool maskedShown = a.masked != b.masked; // the masked columns' text is empty without masks
    changed[FlopsTableModel::Masked] = changed[FlopsTableModel::Effective] = maskedShown;
    for (size_t r = 0; r < a.layers.size(); ++r) {
        const LayerFlops& x = a.layers[r];
        const LayerFlops& y = b.layers[r];
        changed[FlopsTableModel::Type] |= x.type != y.type;
        changed[FlopsTableModel::WeightShape] |= x.weight_shape != y.weight_shape;
        changed[FlopsTableModel::InputSize] |= x.input_shape != y.input_shape;
        changed[FlopsTableModel::OutputSize] |= x.output_shape != y.output_shape;
        changed[FlopsTableModel::Flops] |= x.flops != y.flops;
        changed[FlopsTableModel::Params] |= x.params != y.params;
        changed[FlopsTableModel::Call] |= x.call != y.call;
        changed[FlopsTableModel::Masked] |= x.masked_flops != y.masked_flops;
        changed[FlopsTableModel::Effective] |= x.effective_flops != y.effective_flops;
    }
    int first = FlopsTableModel::ColumnCount, last = -1;
    for (int c = 0; c < FlopsTableModel::ColumnCount; ++c)
        if (changed[static_cast<size_t>(c)]) {
            first = std::min(first, c);
            last = c;
        }
    return { first, last };
}

bool sameRows(const FlopsResult& a, const FlopsResult& b)
{
    return std::equal(a.layers.begin(), a.layers.end(), b.layers.begin(), b.layers.end(),
        [](const LayerFlops& x, const LayerFlops& y) { return x.node == y.node && x.name == y.name; });
}

} // namespace

FlopsTableModel::FlopsTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FlopsTableModel::setData(FlopsResult data)
{
    // The same rows with other numbers (masks loaded or fixed, another FLOPs mode): only the
    // columns that changed, so that the view and its sorting proxy keep their mapping of
    // the rows. A reset of ten thousand rows had the proxy sort them all again and the
    // header lay out every section: 10 of the 27 samples a masks reply's GUI-thread
    // work took in a profile of the 1,500-block bench.
    if (!m_data.layers.empty() && sameRows(m_data, data)) {
        const auto [first, last] = changedColumns(m_data, data);
        const bool header = m_data.mode != data.mode;
        m_data = std::move(data);
        if (first <= last)
            emit dataChanged(index(0, first), index(rowCount() - 1, last));
        if (header)
            emit headerDataChanged(Qt::Horizontal, Flops, Flops);
        return;
    }
    beginResetModel();
    m_data = std::move(data);
    endResetModel();
}

int FlopsTableModel::rowOfNode(int node) const
{
    for (size_t r = 0; r < m_data.layers.size(); ++r)
        if (m_data.layers[r].node == node)
            return static_cast<int>(r);
    return -1;
}

int FlopsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_data.layers.size());
}
int FlopsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant FlopsTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || static_cast<size_t>(index.row()) >= m_data.layers.size())
        return {};
    const LayerFlops& row = m_data.layers[static_cast<size_t>(index.row())];
    if (role == NodeRole)
        return row.node;
    if (role == Qt::TextAlignmentRole)
        return index.column() >= Flops || index.column() == Index ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                  : QVariant();
    if (role == SortRole) {
        switch (index.column()) {
        case Index: return index.row();
        case Flops: return static_cast<qint64>(row.flops);
        case Params: return static_cast<qint64>(row.params);
        case Call: return row.call;
        case Masked: return static_cast<qint64>(row.masked_flops);
        case Effective: return static_cast<qint64>(row.effective_flops);
        default: break;
        }
        return data(index, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    // Made for the text alone: sorting ten thousand rows asks for their numbers a few
    // hundred thousand times, and a QLocale each showed in a masks load's profile.
    const QLocale locale;
    switch (index.column()) {
    case Index: return index.row();
    case Name: return qs(row.name);
    case Type: return qs(row.type);
    case WeightShape: return tuple(row.weight_shape);
    case InputSize: return tuple(row.input_shape);
    case OutputSize: return tuple(row.output_shape);
    case Flops: return locale.toString(static_cast<qint64>(row.flops));
    case Params: return locale.toString(static_cast<qint64>(row.params));
    case Call: return row.call;
    case Masked: return m_data.masked ? locale.toString(static_cast<qint64>(row.masked_flops)) : QString();
    case Effective: return m_data.masked ? locale.toString(static_cast<qint64>(row.effective_flops)) : QString();
    default: return {};
    }
}

QVariant FlopsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Index: return tr("Index");
    case Name: return tr("Name");
    case Type: return tr("Type");
    case WeightShape: return tr("Weight Shape");
    case InputSize: return tr("Input Size");
    case OutputSize: return tr("Output Size");
    case Flops: return m_data.mode == FlopsMode::Extended ? tr("MACs") : tr("FLOPs");
    case Params: return tr("#Params");
    case Call: return tr("#Call");
    case Masked: return tr("Masked (NNI)");
    case Effective: return tr("After speedup");
    default: return {};
    }
}

} // namespace prunescope::ui
