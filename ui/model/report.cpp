#include "model/report.h"

#include <QJsonArray>

namespace prunescope::ui {

namespace {

QVector<int> intsOf(const QJsonValue& value)
{
    QVector<int> ints;
    for (const auto& v : value.toArray())
        ints.push_back(v.toInt());
    return ints;
}

QVector<QStringList> setsOf(const QJsonValue& value)
{
    QVector<QStringList> sets;
    for (const auto& set : value.toArray()) {
        QStringList names;
        for (const auto& name : set.toArray())
            names << name.toString();
        sets.push_back(names);
    }
    return sets;
}

QString parentOf(const QString& path)
{
    const int dot = path.lastIndexOf('.');
    return dot < 0 ? QString() : path.left(dot);
}

} // namespace

ShapeVector shapeFromJson(const QJsonValue& value)
{
    ShapeVector shape;
    for (const auto& d : value.toArray())
        shape.push_back(d.toInteger());
    return shape;
}

QString shapeText(const ShapeVector& shape)
{
    QStringList dims;
    for (qint64 d : shape)
        dims << QString::number(d);
    return dims.join(QLatin1Char('x'));
}

Report Report::fromJson(const QJsonObject& json)
{
    Report r;
    r.m_json = json;
    const QJsonObject graph = json.value("graph").toObject();
    for (const auto& m : json.value("modules").toArray()) {
        const QJsonObject o = m.toObject();
        ReportModule module;
        module.path = o.value("name").toString();
        module.type = o.value("type").toString();
        module.parent = o.value("parent").toString();
        for (const auto& c : o.value("children").toArray())
            module.children << c.toString();
        module.leaf = o.value("leaf").toBool();
        module.params = o.value("params").toInteger();
        module.calls = intsOf(o.value("calls"));
        r.m_moduleIndex.insert(module.path, r.m_modules.size());
        r.m_modules.push_back(module);
    }
    for (const auto& n : graph.value("nodes").toArray()) {
        const QJsonObject o = n.toObject();
        ReportNode node;
        node.id = o.value("id").toInt();
        node.name = o.value("name").toString();
        node.uniqueName = o.value("unique_name").toString();
        node.type = o.value("type").toString();
        node.scope = o.value("scope").toString();
        node.isModule = o.value("kind").toString() == QLatin1String("module");
        node.call = o.value("call").toInt();
        node.executions = o.value("executions").toInt(1);
        node.inputs = intsOf(o.value("inputs"));
        node.outputs = intsOf(o.value("outputs"));
        node.attrs = o.value("attrs").toObject();
        node.weightShape = shapeFromJson(o.value("weight_shape"));
        // A module call is drawn inside its module's parent; an op inside its scope.
        node.container = node.isModule ? parentOf(node.scope) : node.scope;
        if (!node.container.isEmpty() && !r.m_moduleIndex.contains(node.container))
            node.container.clear();
        r.m_nodeIndex.insert(node.uniqueName, r.m_nodes.size());
        r.m_nodes.push_back(node);
    }
    for (const auto& v : graph.value("values").toArray()) {
        const QJsonObject o = v.toObject();
        ReportValue value;
        value.id = o.value("id").toInt();
        value.producer = o.value("producer").isNull() ? -1 : o.value("producer").toInt();
        value.consumers = intsOf(o.value("consumers"));
        value.hasShape = o.contains("shape");
        value.shape = shapeFromJson(o.value("shape"));
        value.dtype = o.value("dtype").toString();
        r.m_values.push_back(value);
    }
    for (const auto& e : graph.value("edges").toArray()) {
        const QJsonObject o = e.toObject();
        r.m_edges.push_back({ o.value("from").toInt(), o.value("to").toInt(), o.value("value").toInt() });
    }
    const QJsonObject channel = json.value("channel_dependency").toObject();
    r.m_channelSets = setsOf(channel.value("sets"));
    r.m_tiedBy = setsOf(channel.value("tied_by"));
    r.m_inputSets = setsOf(json.value("input_channel_dependency").toObject().value("sets"));
    for (int i = 0; i < r.m_channelSets.size(); ++i)
        for (const auto& layer : r.m_channelSets[i])
            r.m_setOfLayer.insert(layer, i);
    for (int i = 0; i < r.m_inputSets.size(); ++i)
        for (const auto& layer : r.m_inputSets[i])
            r.m_inputSetOfLayer.insert(layer, i);
    for (const auto& u : json.value("not_safe_to_prune").toArray()) {
        const QJsonObject o = u.toObject();
        UnsafeLayerInfo info { o.value("reshape_op").toString(), o.value("reason").toString(), {} };
        for (const auto& p : o.value("path").toArray())
            info.path << p.toString();
        r.m_unsafe.insert(o.value("layer").toString(), info);
    }
    const QJsonObject groups = json.value("group_dependency").toObject();
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const QJsonObject g = it.value().toObject();
        r.m_groups.insert(it.key(), { g.value("max_groups").toInteger(1), g.value("min_groups").toInteger(1) });
    }
    return r;
}

QString Report::modelPath() const { return m_json.value("model").toObject().value("path").toString(); }
QString Report::modelType() const { return m_json.value("model").toObject().value("type").toString(); }
qint64 Report::totalParams() const { return m_json.value("model").toObject().value("params").toInteger(); }
QString Report::pruneType() const
{
    return m_json.value("channel_dependency").toObject().value("prune_type").toString();
}

const ReportModule* Report::module(const QString& path) const
{
    auto it = m_moduleIndex.find(path);
    return it == m_moduleIndex.end() ? nullptr : &m_modules[*it];
}

const ReportNode* Report::nodeByUniqueName(const QString& name) const
{
    auto it = m_nodeIndex.find(name);
    return it == m_nodeIndex.end() ? nullptr : &m_nodes[*it];
}

ShapeVector Report::outputShape(const ReportNode& node) const
{
    for (int id : node.outputs)
        if (id >= 0 && id < m_values.size() && m_values[id].hasShape)
            return m_values[id].shape;
    return {};
}

ShapeVector Report::inputShape(const ReportNode& node) const
{
    for (int id : node.inputs)
        if (id >= 0 && id < m_values.size() && m_values[id].hasShape)
            return m_values[id].shape;
    return {};
}

} // namespace prunescope::ui
