// SPDX-License-Identifier: MIT
#pragma once
// The mask conflicts as a list: one row per dependency set or grouped conv that has
// masks, marked conflict / fine / skipped.
#include "prunescope/mask_conflict.h"

#include <QAbstractListModel>

namespace prunescope::ui {

class ConflictListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { KindRole = Qt::UserRole + 1, IndexRole, ConflictRole };
    explicit ConflictListModel(QObject* parent = nullptr);

    // `strict`: the sets are strict pruning groups, and are named so.
    void setReport(const ConflictReport& conflicts, bool strict = false);
    int conflictCount() const { return static_cast<int>(m_report.conflicts()); }
    const ConflictSet& set(int row) const { return m_report.sets[static_cast<size_t>(row)]; }
    int rowOf(const std::optional<ConflictSetRef>& set) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    ConflictReport m_report;
    bool m_strict = false;
};

} // namespace prunescope::ui
