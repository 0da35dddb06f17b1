// SPDX-License-Identifier: MIT
#pragma once
// The FLOPs table: NNI's columns (Index, Name, Type, Weight Shape, Input Size, Output
// Size, FLOPs, #Params, #Call) and, with masks, NNI's masked and our effective FLOPs.
// SortRole gives numbers for numeric columns so that sorting is numeric.
#include "prunescope/flops.h"

#include <QAbstractTableModel>

namespace prunescope::ui {

class FlopsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Index,
        Name,
        Type,
        WeightShape,
        InputSize,
        OutputSize,
        Flops,
        Params,
        Call,
        Masked,
        Effective,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole + 1, NodeRole };

    explicit FlopsTableModel(QObject* parent = nullptr);
    void setData(FlopsResult data);
    const FlopsResult& flops() const { return m_data; }
    int rowOfNode(int node) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    FlopsResult m_data;
};

} // namespace prunescope::ui
