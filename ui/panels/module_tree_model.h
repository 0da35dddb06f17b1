// SPDX-License-Identifier: MIT
#pragma once
// The module hierarchy as a tree (module, class, parameters), for navigating big models.
// Reads the report's module list in place: a model of thousands of modules costs no
// items to build.
#include "model/report.h"

#include <QAbstractItemModel>

#include <memory>

namespace prunescope::ui {

class ModuleTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Roles { PathRole = Qt::UserRole + 1 };
    explicit ModuleTreeModel(QObject* parent = nullptr);
    void setReport(std::shared_ptr<const Report> report);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    // Modules by position in the report (the root is 0); each node's children and its
    // place among its parent's.
    std::shared_ptr<const Report> m_report;
    QVector<QVector<int>> m_children;
    QVector<int> m_parent, m_row;
};

} // namespace prunescope::ui
