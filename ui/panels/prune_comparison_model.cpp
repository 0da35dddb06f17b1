// SPDX-License-Identifier: MIT
#include "panels/prune_comparison_model.h"

#include "model/report.h"

#include <QLocale>

#include <map>
#include <utility>

namespace prunescope::ui {

PruneComparisonModel::PruneComparisonModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PruneComparisonModel::setTables(const FlopsResult& before, const FlopsResult& after)
{
    beginResetModel();
    m_rows.clear();
    // Pruning keeps the module paths, so a layer is the same (name, call) on both sides.
    std::map<std::pair<std::string, int>, size_t> rowOfLayer;
    for (const LayerFlops& layer : before.layers) {
        rowOfLayer.emplace(std::make_pair(layer.name, layer.call), m_rows.size());
        m_rows.push_back({ layer.name, layer.type, layer.call, layer, std::nullopt });
    }
    for (const LayerFlops& layer : after.layers) {
        const auto found = rowOfLayer.find({ layer.name, layer.call });
        if (found != rowOfLayer.end())
            m_rows[found->second].after = layer;
        else
            m_rows.push_back({ layer.name, layer.type, layer.call, std::nullopt, layer });
    }
    endResetModel();
}

int PruneComparisonModel::rowOf(const QString& name) const
{
    const std::string wanted = name.toStdString();
    for (size_t r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].name == wanted)
            return static_cast<int>(r);
    return -1;
}

int PruneComparisonModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PruneComparisonModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PruneComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || static_cast<size_t>(index.row()) >= m_rows.size())
        return {};
    const Row& row = m_rows[static_cast<size_t>(index.row())];
    const int column = index.column();
    if (column == Name || column == Type) {
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != SortRole)
            return {};
        const QString name = row.call > 1 ? tr("%1 (call %2)").arg(qs(row.name)).arg(row.call) : qs(row.name);
        return column == Name ? name : qs(row.type);
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const bool flops = column <= FlopsChange;
    auto value = [&](const std::optional<LayerFlops>& side) -> std::optional<qint64> {
        if (!side)
            return std::nullopt;
        return static_cast<qint64>(flops ? side->flops : side->params);
    };
    const std::optional<qint64> before = value(row.before), after = value(row.after);
    std::optional<qint64> shown;
    const bool change = column == FlopsChange || column == ParamsChange;
    if (column == FlopsBefore || column == ParamsBefore)
        shown = before;
    else if (column == FlopsAfter || column == ParamsAfter)
        shown = after;
    else
        shown = after.value_or(0) - before.value_or(0);
    if (role == SortRole)
        return shown ? QVariant(*shown) : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (!shown)
        return QStringLiteral("–");
    const QLocale locale;
    if (!change)
        return locale.toString(*shown);
    if (!before || *before == 0)
        return *shown == 0 ? QStringLiteral("0")
                           : QStringLiteral("%1%2").arg(*shown > 0 ? "+" : "").arg(locale.toString(*shown));
    const double percent = 100.0 * static_cast<double>(*shown) / static_cast<double>(*before);
    return QStringLiteral("%1%2 (%3%4%)")
        .arg(*shown > 0 ? "+" : "")
        .arg(locale.toString(*shown))
        .arg(percent > 0 ? "+" : "")
        .arg(locale.toString(percent, 'f', 1));
}

QVariant PruneComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Layer");
    case Type: return tr("Type");
    case FlopsBefore: return tr("FLOPs before");
    case FlopsAfter: return tr("FLOPs after");
    case FlopsChange: return tr("FLOPs change");
    case ParamsBefore: return tr("Params before");
    case ParamsAfter: return tr("Params after");
    case ParamsChange: return tr("Params change");
    default: return {};
    }
}

} // namespace prunescope::ui
