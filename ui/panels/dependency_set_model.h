// SPDX-License-Identifier: MIT
#pragma once
// The dependency sets as a list: one row per set with more than one layer (all sets
// when showSingletons), its colour as the decoration, members and tying ops in the tooltip.
#include <QAbstractListModel>

namespace prunescope::ui {

class GraphScene;

class DependencySetModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { SetIndexRole = Qt::UserRole + 1, MembersRole };
    explicit DependencySetModel(GraphScene* scene, QObject* parent = nullptr);

    void refresh(); // after a new report or colour mode
    void setShowSingletons(bool show);
    int rowOfSet(int setIndex) const { return m_rows.indexOf(setIndex); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    GraphScene* m_scene;
    QVector<int> m_rows; // row -> set index
    bool m_showSingletons = false;
};

} // namespace prunescope::ui
