#include "panels/conflict_list_model.h"

#include <QApplication>
#include <QJsonObject>
#include <QStyle>

namespace prunescope::ui {

ConflictListModel::ConflictListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void ConflictListModel::setReport(const QJsonObject& conflicts)
{
    beginResetModel();
    m_sets = conflicts.value("sets").toArray();
    endResetModel();
}

int ConflictListModel::conflictCount() const
{
    int n = 0;
    for (const auto& s : m_sets)
        n += s.toObject().value("conflict").toBool();
    return n;
}

int ConflictListModel::rowOf(const QString& kind, int index) const
{
    for (int r = 0; r < m_sets.size(); ++r) {
        const QJsonObject s = m_sets[r].toObject();
        if (s.value("kind").toString() == kind && s.value("index").toInt() == index)
            return r;
    }
    return -1;
}

int ConflictListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_sets.size(); }

QVariant ConflictListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_sets.size())
        return {};
    const QJsonObject s = m_sets[index.row()].toObject();
    const bool group = s.value("kind").toString() == QLatin1String("group");
    const bool conflict = s.value("conflict").toBool();
    const bool skipped = s.value("skipped").toBool();
    QStringList layers;
    for (const auto& l : s.value("layers").toArray())
        layers << l.toString();
    switch (role) {
    case Qt::DisplayRole: {
        const QString what = group
            ? tr("Grouped conv %1").arg(layers.join(QStringLiteral(", ")))
            : tr("Set %1: %2").arg(s.value("index").toInt() + 1).arg(layers.join(QStringLiteral(", ")));
        if (skipped)
            return tr("%1 — skipped").arg(what);
        if (!conflict)
            return tr("%1 — masks agree").arg(what);
        if (group)
            return tr("%1 — filters not divisible by %2 groups").arg(what).arg(s.value("max_groups").toInt());
        return tr("%1 — %n channel(s) disputed", nullptr, s.value("disputed").toArray().size()).arg(what);
    }
    case Qt::DecorationRole:
        return QApplication::style()->standardIcon(skipped ? QStyle::SP_MessageBoxInformation
                : conflict                                 ? QStyle::SP_MessageBoxWarning
                                                           : QStyle::SP_DialogApplyButton);
    case Qt::ToolTipRole:
        return s.value("notice").toString().isEmpty() ? layers.join(QStringLiteral("\n"))
                                                      : s.value("notice").toString();
    case KindRole: return s.value("kind").toString();
    case IndexRole: return s.value("index").toInt();
    case ConflictRole: return conflict;
    default: return {};
    }
}

} // namespace prunescope::ui
