// SPDX-License-Identifier: MIT
#include "panels/properties_model.h"

#include "panels/group_members.h"

#include <QLocale>

#include <map>

namespace prunescope::ui {

namespace {

QString attrText(const std::vector<int64_t>& value)
{
    QStringList parts;
    for (int64_t v : value)
        parts << QString::number(v);
    return parts.size() == 1 ? parts.front()
                             : QStringLiteral("(") + parts.join(QStringLiteral(", ")) + QStringLiteral(")");
}

// The engine's attribute keys in words; a key not listed shows with spaces for '_'.
QString attrName(const std::string& key)
{
    static const std::map<std::string, const char*> names = {
        { "stride", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Stride") },
        { "padding", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Padding") },
        { "dilation", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Dilation") },
        { "groups", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Groups") },
        { "output_padding", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Output padding") },
        { "transposed", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Transposed") },
        { "in_channels", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "In channels") },
        { "out_channels", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Out channels") },
        { "kernel_size", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Kernel size") },
        { "in_features", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "In features") },
        { "out_features", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Out features") },
        { "num_features", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Features") },
        { "num_groups", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Norm groups") },
        { "num_embeddings", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Embeddings") },
        { "embedding_dim", QT_TRANSLATE_NOOP("prunescope::ui::PropertiesModel", "Embedding size") },
    };
    const auto it = names.find(key);
    if (it != names.end())
        return PropertiesModel::tr(it->second);
    QString text = qs(key).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

// Flags the engine stores as 0/1.
bool isFlag(const std::string& key) { return key == "transposed"; }

} // namespace

PropertiesModel::PropertiesModel(QObject* parent)
    : QStandardItemModel(0, 2, parent)
{
    retranslate();
}

void PropertiesModel::retranslate() { setHorizontalHeaderLabels({ tr("Property"), tr("Value") }); }

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

void PropertiesModel::showNode(const Report& report, const OpNode& node)
{
    clearAll();
    if (report.isModelIo(node.id)) {
        add(node.outputs.empty() ? tr("Model output") : tr("Model input"), report.name(node.id));
        const int v = report.ioValue(node.id);
        if (v >= 0 && static_cast<size_t>(v) < report.values().size()) {
            const GraphValue& value = report.values()[static_cast<size_t>(v)];
            add(tr("Type"), qs(value.type));
            if (value.has_shape) {
                add(tr("Shape"), shapeText(value.shape));
                add(tr("Data type"), qs(value.dtype));
            }
        }
        return;
    }
    const QLocale locale;
    const QString& name = report.name(node.id);
    add(node.isModule() ? tr("Module") : tr("Operation"), report.uniqueName(node.id));
    add(tr("Type"), report.type(node.id));
    if (!node.isModule())
        add(tr("In module"), node.scope.empty() ? tr("(the model)") : qs(node.scope));
    if (node.call_index > 0)
        add(tr("Call"), QString::number(node.call_index + 1));
    if (node.executions > 1)
        add(tr("Runs"), QString::number(node.executions));
    for (const auto& [key, value] : node.attrs)
        add(attrName(key),
            isFlag(key) && value.size() == 1 ? (value.front() != 0 ? tr("yes") : tr("no")) : attrText(value));
    if (!node.weight_shape.empty())
        add(tr("Weight shape"), shapeText(node.weight_shape));
    if (node.isModule())
        if (const ModuleInfo* module = report.module(name))
            add(tr("Parameters"), locale.toString(static_cast<qint64>(module->total_param_count)));
    QStringList inputs, outputs;
    const auto& values = report.values();
    for (int v : node.inputs)
        if (v >= 0 && static_cast<size_t>(v) < values.size() && values[static_cast<size_t>(v)].has_shape)
            inputs << shapeText(values[static_cast<size_t>(v)].shape);
    for (int v : node.outputs)
        if (v >= 0 && static_cast<size_t>(v) < values.size() && values[static_cast<size_t>(v)].has_shape)
            outputs << shapeText(values[static_cast<size_t>(v)].shape);
    add(tr("Input shapes"), inputs.join(QStringLiteral(", ")));
    add(tr("Output shapes"), outputs.join(QStringLiteral(", ")));
    if (node.isModule()) {
        const int set = report.setOf(ColorMode::ChannelSets, name);
        if (set >= 0) {
            const auto& members = report.channelSets()[static_cast<size_t>(set)];
            add(tr("Dependency set"),
                members.size() > 1 ? tr("Set %1: %2").arg(set + 1).arg(joinNames(members, QStringLiteral(", "), 40))
                                   : tr("Set %1 (alone)").arg(set + 1));
        }
        const int input = report.setOf(ColorMode::InputChannelSets, name);
        if (input >= 0 && report.inputChannelSets()[static_cast<size_t>(input)].size() > 1)
            add(tr("Input-channel set"),
                joinNames(report.inputChannelSets()[static_cast<size_t>(input)], QStringLiteral(", "), 40));
        const auto groups = report.groups(name);
        if (groups.first > 1)
            add(tr("Group constraint"),
                tr("filters divisible by %1 (min groups %2)").arg(groups.first).arg(groups.second));
        if (const UnsafeLayer* unsafe = report.unsafe(name))
            add(tr("Warning"),
                unsafe->reshape_op.empty() ? tr("Not safe to prune: %1").arg(qs(unsafe->reason))
                                           : tr("Not safe to prune: reaches %1. %2")
                                                 .arg(qs(unsafe->reshape_op), qs(unsafe->reason))
                                                 .trimmed());
        for (const RulesDifference* d : report.differencesOf(name))
            add(tr("Strict vs NNI v2.9"), qs(d->reason));
    }
}

void PropertiesModel::showSet(const Report& report, int set)
{
    clearAll();
    if (set < 0 || static_cast<size_t>(set) >= report.channelSets().size())
        return;
    const PruningGroup* group = report.strictGroup(set);
    if (!group) {
        const auto& members = report.channelSets()[static_cast<size_t>(set)];
        add(tr("Dependency set"), tr("Set %1 (%n layer(s))", nullptr, static_cast<int>(members.size())).arg(set + 1));
        for (const auto& layer : members)
            add(tr("Layer"), qs(layer));
        return;
    }
    // Numbered as the sets dock and the legend number it (the set index, from 1).
    add(tr("Pruning group"), tr("Group %1, root %2").arg(set + 1).arg(qs(group->root)));
    add(tr("Channels"), QString::number(group->channels));
    if (group->blocked())
        add(tr("Not prunable"), qs(group->blocked_reason));
    else if (!group->fixed_units.empty())
        add(tr("Channels kept"), tr("%n channel(s) must stay", nullptr, static_cast<int>(group->fixed_units.size())),
            qs(group->fixed_reasons.front()));
    for (const auto& c : group->constraints)
        add(tr("Constraint"), qs(c.reason));
    for (const auto& line : groupMemberLines(*group, 200))
        add(tr("Member"), line);
}

void PropertiesModel::showModule(const Report& report, const QString& module)
{
    clearAll();
    const ModuleInfo* info = report.module(module);
    if (!info)
        return;
    const QLocale locale;
    add(tr("Module"), module);
    add(tr("Type"), qs(info->type));
    add(tr("Parameters"), locale.toString(static_cast<qint64>(info->total_param_count)));
    add(tr("Children"), QString::number(info->children.size()));
    int unsafe = 0;
    for (const auto& u : report.unsafeLayers())
        unsafe += qs(u.layer).startsWith(module + QLatin1Char('.'));
    if (unsafe)
        add(tr("Warning"), tr("%n layer(s) inside not safe to prune", nullptr, unsafe));
}

} // namespace prunescope::ui
