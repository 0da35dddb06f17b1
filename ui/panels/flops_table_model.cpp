#include "panels/flops_table_model.h"

#include <QLocale>

namespace prunescope::ui {

namespace {

QString tuple(const ShapeVector& shape)
{
    if (shape.isEmpty())
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

void FlopsTableModel::setData(FlopsData data)
{
    beginResetModel();
    m_data = std::move(data);
    endResetModel();
}

int FlopsTableModel::rowOfNode(int node) const
{
    for (int r = 0; r < m_data.rows.size(); ++r)
        if (m_data.rows[r].node == node)
            return r;
    return -1;
}

int FlopsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_data.rows.size(); }
int FlopsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant FlopsTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_data.rows.size())
        return {};
    const FlopsRow& row = m_data.rows[index.row()];
    const QLocale locale;
    if (role == NodeRole)
        return row.node;
    if (role == Qt::TextAlignmentRole)
        return index.column() >= Flops || index.column() == Index ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                  : QVariant();
    if (role == SortRole) {
        switch (index.column()) {
        case Index: return index.row();
        case Flops: return row.flops;
        case Params: return row.params;
        case Call: return row.call;
        case Masked: return row.maskedFlops;
        case Effective: return row.effectiveFlops;
        default: break;
        }
        return data(index, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Index: return index.row();
    case Name: return row.name;
    case Type: return row.type;
    case WeightShape: return tuple(row.weightShape);
    case InputSize: return tuple(row.inputShape);
    case OutputSize: return tuple(row.outputShape);
    case Flops: return locale.toString(row.flops);
    case Params: return locale.toString(row.params);
    case Call: return row.call;
    case Masked: return m_data.masked ? locale.toString(row.maskedFlops) : QString();
    case Effective: return m_data.masked ? locale.toString(row.effectiveFlops) : QString();
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
    case Flops: return m_data.mode == QLatin1String("extended") ? tr("MACs") : tr("FLOPs");
    case Params: return tr("#Params");
    case Call: return tr("#Call");
    case Masked: return tr("Masked (NNI)");
    case Effective: return tr("After speedup");
    default: return {};
    }
}

} // namespace prunescope::ui
