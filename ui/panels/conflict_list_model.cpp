// SPDX-License-Identifier: MIT
#include "panels/conflict_list_model.h"

#include "model/report.h"

#include "prunescope/json_types.h"

#include <QApplication>
#include <QStyle>

namespace prunescope::ui {

ConflictListModel::ConflictListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void ConflictListModel::setReport(const ConflictReport& conflicts, bool strict)
{
    beginResetModel();
    m_report = conflicts;
    m_strict = strict;
    endResetModel();
}

int ConflictListModel::rowOf(const std::optional<ConflictSetRef>& set) const
{
    if (!set)
        return -1;
    for (size_t r = 0; r < m_report.sets.size(); ++r)
        if (m_report.sets[r].kind == set->kind && m_report.sets[r].index == set->index)
            return static_cast<int>(r);
    return -1;
}

int ConflictListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_report.sets.size());
}

QVariant ConflictListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || static_cast<size_t>(index.row()) >= m_report.sets.size())
        return {};
    const ConflictSet& s = m_report.sets[static_cast<size_t>(index.row())];
    const bool group = s.kind == ConflictSet::Kind::Group;
    switch (role) {
    case Qt::DisplayRole: {
        const QString layers = joinNames(s.layers, QStringLiteral(", "), 12);
        const QString what = group ? tr("Grouped conv %1").arg(layers)
            : m_strict             ? tr("Group %1: %2").arg(s.index + 1).arg(layers)
                                   : tr("Set %1: %2").arg(s.index + 1).arg(layers);
        if (s.skipped)
            return tr("%1 — skipped").arg(what);
        if (!s.conflict)
            return tr("%1 — masks agree").arg(what);
        if (group)
            return tr("%1 — filters not divisible by %2 groups").arg(what).arg(s.max_groups);
        return tr("%1 — %n channel(s) disputed", nullptr, static_cast<int>(s.disputed.size())).arg(what);
    }
    case Qt::DecorationRole:
        return QApplication::style()->standardIcon(s.skipped ? QStyle::SP_MessageBoxInformation
                : s.conflict                                 ? QStyle::SP_MessageBoxWarning
                                                             : QStyle::SP_DialogApplyButton);
    case Qt::ToolTipRole: return s.notice.empty() ? joinNames(s.layers, QStringLiteral("\n"), 40) : qs(s.notice);
    case KindRole: return QString::fromLatin1(conflictKindName(s.kind));
    case IndexRole: return s.index;
    case ConflictRole: return s.conflict;
    default: return {};
    }
}

} // namespace prunescope::ui
