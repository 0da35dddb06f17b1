// SPDX-License-Identifier: MIT
#include "panels/flops_table_model.h"

#include "model/report.h"

#include <QLocale>

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

} // namespace

FlopsTableModel::FlopsTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FlopsTableModel::setData(FlopsResult data)
{
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
    const QLocale locale;
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
