// SPDX-License-Identifier: MIT
#pragma once
// What the properties panel lists for the selected node or module: path, type,
// attributes, shapes, parameters, dependency set and warnings.
#include "model/report.h"

#include <QStandardItemModel>

namespace prunescope::ui {

class PropertiesModel : public QStandardItemModel {
    Q_OBJECT
public:
    explicit PropertiesModel(QObject* parent = nullptr);
    void showNode(const Report& report, const OpNode& node);
    void showModule(const Report& report, const QString& module);
    // A dependency set chosen in the sets dock: its layers, or under strict rules the
    // group's members with their roles.
    void showSet(const Report& report, int set);
    void clearAll();
    void retranslate(); // the header, after a language change
    QString value(const QString& property) const; // for tests

private:
    void add(const QString& property, const QString& value, const QString& tooltip = {});
};

} // namespace prunescope::ui
