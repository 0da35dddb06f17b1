// SPDX-License-Identifier: MIT
#include "panels/dependency_set_model.h"

#include "graph/graph_scene.h"
#include "graph/set_palette.h"

#include <QPainter>
#include <QPixmap>

namespace prunescope::ui {

DependencySetModel::DependencySetModel(GraphScene* scene, QObject* parent)
    : QAbstractListModel(parent)
    , m_scene(scene)
{
}

void DependencySetModel::refresh()
{
    beginResetModel();
    m_rows.clear();
    if (const Report* report = m_scene->report()) {
        const auto& sets = report->sets(m_scene->colorMode());
        for (size_t i = 0; i < sets.size(); ++i)
            if (sets[i].size() > 1 || m_showSingletons)
                m_rows.push_back(static_cast<int>(i));
    }
    endResetModel();
}

void DependencySetModel::setShowSingletons(bool show)
{
    m_showSingletons = show;
    refresh();
}

int DependencySetModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_rows.size(); }

QVariant DependencySetModel::data(const QModelIndex& index, int role) const
{
    const Report* report = m_scene->report();
    if (!report || !index.isValid() || index.row() >= m_rows.size())
        return {};
    const int set = m_rows[index.row()];
    const bool channel = m_scene->colorMode() == ColorMode::ChannelSets;
    const auto& members = report->sets(m_scene->colorMode())[static_cast<size_t>(set)];
    switch (role) {
    case Qt::DisplayRole:
        if (const PruningGroup* group = report->strictGroup(set); group && channel)
            return (group->blocked()
                    ? tr("Group %1 (%n layer(s), not prunable): %2", nullptr, static_cast<int>(members.size()))
                    : tr("Group %1 (%n layer(s)): %2", nullptr, static_cast<int>(members.size())))
                .arg(set + 1)
                .arg(joinNames(members, QStringLiteral(", "), 12));
        return tr("Set %1 (%n layer(s)): %2", nullptr, static_cast<int>(members.size()))
            .arg(set + 1)
            .arg(joinNames(members, QStringLiteral(", "), 12));
    case Qt::DecorationRole: {
        const int color = m_scene->colorIndexOfSet(set);
        QPixmap swatch(14, 14);
        swatch.fill(Qt::transparent);
        QPainter painter(&swatch);
        painter.setBrush(color >= 0 ? QBrush(setColor(color), setPattern(color)) : QBrush(Qt::lightGray));
        painter.setPen(Qt::darkGray);
        painter.drawRect(0, 0, 13, 13);
        return swatch;
    }
    case Qt::ToolTipRole: {
        QString tip = joinNames(members, QStringLiteral("\n"), 40);
        if (channel && static_cast<size_t>(set) < report->tiedBy().size()
            && !report->tiedBy()[static_cast<size_t>(set)].empty())
            tip += QStringLiteral("\n")
                + tr("tied by %1").arg(joinNames(report->tiedBy()[static_cast<size_t>(set)], QStringLiteral(", "), 12));
        if (const PruningGroup* group = report->strictGroup(set); group && channel && group->blocked())
            tip += QStringLiteral("\n") + qs(group->blocked_reason);
        return tip;
    }
    case SetIndexRole: return set;
    case MembersRole: return qsList(members);
    default: return {};
    }
}

} // namespace prunescope::ui
