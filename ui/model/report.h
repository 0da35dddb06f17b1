#pragma once
// The engine's analysis report (format prunescope-report/1) as the GUI uses it: nodes,
// edges and modules of the graph, and what the analyses say about each layer.
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace prunescope::ui {

using ShapeVector = QVector<qint64>;

QString shapeText(const ShapeVector& shape); // "1x64x56x56"
ShapeVector shapeFromJson(const QJsonValue& value); // [1, 64, 56, 56]

struct ReportNode {
    int id = -1;
    QString name; // module path for module calls, op name for functional ops
    QString uniqueName;
    QString type; // "Conv2d", "aten::add"
    QString scope;
    bool isModule = false;
    int call = 0;
    int executions = 1;
    QVector<int> inputs; // value ids
    QVector<int> outputs;
    QJsonObject attrs;
    ShapeVector weightShape;
    QString container; // the module box the node is drawn in ("" = the model)
};

struct ReportModule {
    QString path;
    QString type;
    QString parent;
    QStringList children;
    bool leaf = false;
    qint64 params = 0;
    QVector<int> calls;
};

struct ReportValue {
    int id = -1;
    int producer = -1;
    QVector<int> consumers;
    ShapeVector shape;
    bool hasShape = false;
    QString dtype;
};

struct ReportEdge {
    int from = -1;
    int to = -1;
    int value = -1;
};

struct UnsafeLayerInfo {
    QString reshapeOp;
    QString reason;
    QStringList path;
};

class Report {
public:
    static Report fromJson(const QJsonObject& json); // throws nothing; invalid input gives an empty report
    bool isEmpty() const { return m_nodes.isEmpty(); }

    const QJsonObject& json() const { return m_json; }
    QString modelPath() const;
    QString modelType() const;
    qint64 totalParams() const;
    QString pruneType() const;

    const QVector<ReportNode>& nodes() const { return m_nodes; }
    const QVector<ReportEdge>& edges() const { return m_edges; }
    const QVector<ReportValue>& values() const { return m_values; }
    const QVector<ReportModule>& modules() const { return m_modules; }
    const ReportModule* module(const QString& path) const;
    const ReportNode* nodeByUniqueName(const QString& name) const;

    // Channel dependency sets (every prunable layer, singletons included, NNI order).
    const QVector<QStringList>& channelSets() const { return m_channelSets; }
    const QVector<QStringList>& tiedBy() const { return m_tiedBy; }
    const QVector<QStringList>& inputChannelSets() const { return m_inputSets; }
    // Index into channelSets() of the set holding `layer`, or -1.
    int channelSetOf(const QString& layer) const { return m_setOfLayer.value(layer, -1); }
    int inputChannelSetOf(const QString& layer) const { return m_inputSetOfLayer.value(layer, -1); }
    const QHash<QString, UnsafeLayerInfo>& unsafeLayers() const { return m_unsafe; }
    // max_groups / min_groups per conv with a group constraint.
    QPair<qint64, qint64> groups(const QString& layer) const { return m_groups.value(layer, { 1, 1 }); }
    ShapeVector outputShape(const ReportNode& node) const;
    ShapeVector inputShape(const ReportNode& node) const;

private:
    QJsonObject m_json;
    QVector<ReportNode> m_nodes;
    QVector<ReportEdge> m_edges;
    QVector<ReportValue> m_values;
    QVector<ReportModule> m_modules;
    QHash<QString, int> m_moduleIndex;
    QHash<QString, int> m_nodeIndex;
    QVector<QStringList> m_channelSets, m_tiedBy, m_inputSets;
    QHash<QString, int> m_setOfLayer, m_inputSetOfLayer;
    QHash<QString, UnsafeLayerInfo> m_unsafe;
    QHash<QString, QPair<qint64, qint64>> m_groups;
};

} // namespace prunescope::ui
