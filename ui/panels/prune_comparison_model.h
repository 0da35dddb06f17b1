// SPDX-License-Identifier: MIT
#pragma once
// The before/after view of a pruning: the original's FLOPs table and the pruned file's
// side by side, one row per layer (matched by name and call), with the change per layer.
#include "prunescope/flops.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace prunescope::ui {

class PruneComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name,
        Type,
        FlopsBefore,
        FlopsAfter,
        FlopsChange,
        ParamsBefore,
        ParamsAfter,
        ParamsChange,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole + 1 }; // the number itself (change: after - before)

    explicit PruneComparisonModel(QObject* parent = nullptr);
    void setTables(const FlopsResult& before, const FlopsResult& after);
    // The row of a layer (its first call), or -1.
    int rowOf(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        std::string name, type;
        int call = 1;
        std::optional<LayerFlops> before, after; // absent on the side that lacks the layer
    };
    std::vector<Row> m_rows;
};

} // namespace prunescope::ui
