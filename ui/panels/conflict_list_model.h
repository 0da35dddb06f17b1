#pragma once
// The mask conflicts as a list: one row per dependency set or grouped conv that has
// masks, marked conflict / fine / skipped.
#include <QAbstractListModel>
#include <QJsonArray>
#include <QJsonObject>

namespace prunescope::ui {

class ConflictListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { KindRole = Qt::UserRole + 1, IndexRole, ConflictRole, SetRole };
    explicit ConflictListModel(QObject* parent = nullptr);

    void setReport(const QJsonObject& conflicts);
    int conflictCount() const;
    QJsonObject set(int row) const { return m_sets.at(row).toObject(); }
    int rowOf(const QString& kind, int index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    QJsonArray m_sets;
};

} // namespace prunescope::ui
