#include "panels/properties_model.h"

#include <QJsonArray>
#include <QLocale>

namespace prunescope::ui {

namespace {

QString attrText(const QJsonValue& value)
{
    QStringList parts;
    for (const auto& v : value.toArray())
        parts << QString::number(v.toInteger());
    return parts.size() == 1 ? parts.front()
                             : QStringLiteral("(") + parts.join(QStringLiteral(", ")) + QStringLiteral(")");
}

} // namespace

PropertiesModel::PropertiesModel(QObject* parent)
    : QStandardItemModel(0, 2, parent)
{
    setHorizontalHeaderLabels({ tr("Property"), tr("Value") });
}

void PropertiesModel::clearAll() { removeRows(0, rowCount()); }

void PropertiesModel::add(const QString& property, const QString& value, const QString& tooltip)
{
    auto* key = new QStandardItem(property);
    auto* item = new QStandardItem(value);
    key->setEditable(false);
    item->setEditable(false);
    item->setToolTip(tooltip.isEmpty() ? value : tooltip);
    appendRow({ key, item });
}

QString PropertiesModel::value(const QString& property) const
{
    for (int r = 0; r < rowCount(); ++r)
        if (item(r, 0)->text() == property)
            return item(r, 1)->text();
    return {};
}

void PropertiesModel::showNode(const Report& report, const ReportNode& node)
{
    clearAll();
    const QLocale locale;
    add(node.isModule ? tr("Module") : tr("Operation"), node.uniqueName);
    add(tr("Type"), node.type);
    if (!node.isModule)
        add(tr("In module"), node.scope.isEmpty() ? tr("(the model)") : node.scope);
    if (node.call > 0)
        add(tr("Call"), QString::number(node.call + 1));
    if (node.executions > 1)
        add(tr("Runs"), QString::number(node.executions));
    for (auto it = node.attrs.begin(); it != node.attrs.end(); ++it)
        add(it.key(), attrText(it.value()));
    if (!node.weightShape.isEmpty())
        add(tr("Weight shape"), shapeText(node.weightShape));
    if (node.isModule)
        if (const ReportModule* module = report.module(node.name))
            add(tr("Parameters"), locale.toString(module->params));
    QStringList inputs, outputs;
    for (int v : node.inputs)
        if (v >= 0 && v < report.values().size() && report.values()[v].hasShape)
            inputs << shapeText(report.values()[v].shape);
    for (int v : node.outputs)
        if (v >= 0 && v < report.values().size() && report.values()[v].hasShape)
            outputs << shapeText(report.values()[v].shape);
    add(tr("Input shapes"), inputs.join(QStringLiteral(", ")));
    add(tr("Output shapes"), outputs.join(QStringLiteral(", ")));
    if (node.isModule) {
        const int set = report.channelSetOf(node.name);
        if (set >= 0) {
            const QStringList& members = report.channelSets()[set];
            add(tr("Dependency set"),
                members.size() > 1 ? tr("Set %1: %2").arg(set + 1).arg(members.join(QStringLiteral(", ")))
                                   : tr("Set %1 (alone)").arg(set + 1));
        }
        const int input = report.inputChannelSetOf(node.name);
        if (input >= 0 && report.inputChannelSets()[input].size() > 1)
            add(tr("Input-channel set"), report.inputChannelSets()[input].join(QStringLiteral(", ")));
        const auto groups = report.groups(node.name);
        if (groups.first > 1)
            add(tr("Group constraint"),
                tr("filters divisible by %1 (min groups %2)").arg(groups.first).arg(groups.second));
        auto unsafe = report.unsafeLayers().find(node.name);
        if (unsafe != report.unsafeLayers().end())
            add(tr("Warning"), tr("Not safe to prune: reaches %1").arg(unsafe->reshapeOp), unsafe->reason);
    }
}

void PropertiesModel::showModule(const Report& report, const QString& module)
{
    clearAll();
    const ReportModule* info = report.module(module);
    if (!info)
        return;
    const QLocale locale;
    add(tr("Module"), module);
    add(tr("Type"), info->type);
    add(tr("Parameters"), locale.toString(info->params));
    add(tr("Children"), QString::number(info->children.size()));
    int unsafe = 0;
    for (auto it = report.unsafeLayers().begin(); it != report.unsafeLayers().end(); ++it)
        unsafe += it.key().startsWith(module + QLatin1Char('.'));
    if (unsafe)
        add(tr("Warning"), tr("%n layer(s) inside not safe to prune", nullptr, unsafe));
}

} // namespace prunescope::ui
