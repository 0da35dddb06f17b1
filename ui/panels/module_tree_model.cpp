// SPDX-License-Identifier: MIT
#include "panels/module_tree_model.h"

#include <QLocale>

namespace prunescope::ui {

ModuleTreeModel::ModuleTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

void ModuleTreeModel::setReport(std::shared_ptr<const Report> report)
{
    beginResetModel();
    m_report = std::move(report);
    const auto& modules = m_report->modules();
    const auto n = static_cast<int>(modules.size());
    m_children = QVector<QVector<int>>(n + 1); // the last entry: the invisible root's
    m_parent = QVector<int>(n, -1);
    m_row = QVector<int>(n, 0);
    // Modules come in pre-order: a parent is always there before its children.
    for (int i = 0; i < n; ++i) {
        const auto& m = modules[static_cast<size_t>(i)];
        int parent = n; // the root module hangs under the invisible root
        if (!m.path.empty()) {
            parent = m_report->moduleIndex(qs(m.parent));
            if (parent < 0 || parent >= i)
                parent = 0; // the root's children have parent "" = the root module
        }
        m_parent[i] = parent;
        m_row[i] = m_children[parent].size();
        m_children[parent].push_back(i);
    }
    endResetModel();
}

QModelIndex ModuleTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!m_report || column < 0 || column >= 3)
        return {};
    const int p = parent.isValid() ? static_cast<int>(parent.internalId()) : m_children.size() - 1;
    if (p < 0 || p >= m_children.size() || row < 0 || row >= m_children[p].size())
        return {};
    return createIndex(row, column, quintptr(m_children[p][row]));
}

QModelIndex ModuleTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int p = m_parent[static_cast<int>(child.internalId())];
    if (p < 0 || p >= m_parent.size())
        return {};
    return createIndex(m_row[p], 0, quintptr(p));
}

int ModuleTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!m_report || (parent.isValid() && parent.column() != 0))
        return 0;
    const int p = parent.isValid() ? static_cast<int>(parent.internalId()) : m_children.size() - 1;
    return p >= 0 && p < m_children.size() ? m_children[p].size() : 0;
}

int ModuleTreeModel::columnCount(const QModelIndex&) const { return 3; }

QVariant ModuleTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_report)
        return {};
    const auto& m = m_report->modules()[static_cast<size_t>(index.internalId())];
    const QString path = qs(m.path);
    if (role == PathRole)
        return path;
    if (role == Qt::TextAlignmentRole)
        return index.column() == 2 ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ToolTipRole && index.column() == 0)
        return path.isEmpty() ? tr("the whole model") : path;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case 0: return path.isEmpty() ? m_report->modelType() : path.section(QLatin1Char('.'), -1);
    case 1: return qs(m.type);
    case 2: return QLocale().toString(static_cast<qint64>(m.total_param_count));
    default: return {};
    }
}

QVariant ModuleTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case 0: return tr("Module");
    case 1: return tr("Type");
    case 2: return tr("Parameters");
    default: return {};
    }
}

} // namespace prunescope::ui
