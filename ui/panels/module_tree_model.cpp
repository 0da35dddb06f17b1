#include "panels/module_tree_model.h"

#include <QLocale>

namespace prunescope::ui {

ModuleTreeModel::ModuleTreeModel(QObject* parent)
    : QStandardItemModel(0, 3, parent)
{
    setHorizontalHeaderLabels({ tr("Module"), tr("Type"), tr("Parameters") });
}

void ModuleTreeModel::setReport(const Report& report)
{
    removeRows(0, rowCount());
    const QLocale locale;
    QHash<QString, QStandardItem*> itemOf;
    for (const auto& module : report.modules()) {
        // Modules come in pre-order: a parent is always there before its children.
        const QString label = module.path.isEmpty() ? report.modelType() : module.path.section(QLatin1Char('.'), -1);
        auto* name = new QStandardItem(label);
        name->setData(module.path, PathRole);
        name->setToolTip(module.path.isEmpty() ? tr("the whole model") : module.path);
        auto* type = new QStandardItem(module.type);
        auto* params = new QStandardItem(locale.toString(module.params));
        params->setData(Qt::AlignRight, Qt::TextAlignmentRole);
        for (auto* item : { name, type, params })
            item->setEditable(false);
        QStandardItem* parent = module.path.isEmpty() ? invisibleRootItem() : itemOf.value(module.parent, nullptr);
        if (!parent)
            parent = itemOf.value(QString(), invisibleRootItem());
        parent->appendRow({ name, type, params });
        itemOf.insert(module.path, name);
    }
}

} // namespace prunescope::ui
