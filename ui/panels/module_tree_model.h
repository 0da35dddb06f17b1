#pragma once
// The module hierarchy as a tree (module, class, parameters), for navigating big models.
#include "model/report.h"

#include <QStandardItemModel>

namespace prunescope::ui {

class ModuleTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Roles { PathRole = Qt::UserRole + 1 };
    explicit ModuleTreeModel(QObject* parent = nullptr);
    void setReport(const Report& report);
};

} // namespace prunescope::ui
