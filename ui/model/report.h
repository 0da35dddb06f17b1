// SPDX-License-Identifier: MIT
#pragma once
// The engine's report (a ReportDocument, read from the worker's reply off the GUI
// thread) with what the views look things up by: nodes by unique name, modules by path,
// layers' dependency sets, the module box each node is drawn in, the colour of each set
// and what each box holds. Built once per reply, off the GUI thread, then read-only.
#include "prunescope/report.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>

namespace prunescope::ui {

using ShapeVector = prunescope::Shape;

QString shapeText(const Shape& shape); // "1x64x56x56"
QString qs(const std::string& text); // QString::fromStdString, short
QStringList qsList(const std::vector<std::string>& texts);
// At most `limit` names, then "… and N more": a residual net's dependency set has
// thousands of layers, which no list row or tooltip can show (or lay out quickly).
QString joinNames(const std::vector<std::string>& names, const QString& separator, int limit);

// The op types of the nodes that stand for the model's inputs and outputs.
inline constexpr char kModelInputType[] = "Input";
inline constexpr char kModelOutputType[] = "Output";

struct ReportEdge {
    int from = -1; // node ids
    int to = -1;
    int value = -1;
};

enum class ColorMode { ChannelSets, InputChannelSets };

// What a module box holds, for its collapsed look.
struct BoxContents {
    int nodes = 0;
    int unsafe = 0;
    QVector<int> colors; // colour indices of the sets with members inside, ascending
};

class Report {
public:
    explicit Report(ReportDocument document);
    // The same graph analysed with another prune type: shares everything but the
    // channel dependency and what follows from it.
    std::shared_ptr<const Report> withChannelDependency(ChannelDependencyResult channel) const;
    // The same analyses drawn under other rules: the strict groups, or NNI's sets (nullopt).
    std::shared_ptr<const Report> withStrictGroups(std::optional<StrictReport> strict) const;

    // As the worker sent it, but for the model input and output nodes (see nodes()).
    const ReportDocument& document() const { return *m_doc; }
    const OpGraph& graph() const { return m_doc->graph; }
    bool isEmpty() const { return m_doc->graph.nodes.empty(); }
    QString modelPath() const { return qs(m_doc->model.path); }
    QString modelType() const { return qs(m_doc->model.type); }
    qint64 totalParams() const { return m_doc->model.params; }
    QString shapeMode() const { return qs(m_doc->model.shape_mode); }
    QString pruneType() const { return pruneTypeName(m_channel.prune_type); }

    // The engine's nodes (opCount() of them), then one node per model input and output
    // (unique names "input", "output", or "input.1"… when there are several; an input's
    // name is its forward() argument's, "x", where TorchScript kept it), which the graph
    // draws and the edges connect to the ops that read and make those values.
    const std::vector<OpNode>& nodes() const { return m_doc->graph.nodes; }
    int opCount() const { return m_opCount; }
    bool isModelIo(int node) const { return node >= m_opCount; }
    const QVector<int>& inputNodes() const { return m_inputNodes; }
    const QVector<int>& outputNodes() const { return m_outputNodes; }
    // The value a model input or output node stands for.
    int ioValue(int node) const
    {
        const OpNode& n = nodes()[static_cast<size_t>(node)];
        return n.outputs.empty() ? n.inputs.front() : n.outputs.front();
    }
    Shape valueShape(int value) const; // empty when unknown
    const std::vector<GraphValue>& values() const { return m_doc->graph.values; }
    const std::vector<ModuleInfo>& modules() const { return m_doc->graph.modules; }
    const QVector<ReportEdge>& edges() const { return m_edges; }
    // The node's names as QStrings (looked up often by the views).
    const QString& uniqueName(int node) const { return m_uniqueNames[node]; }
    const QString& name(int node) const { return m_names[node]; }
    const QString& type(int node) const { return m_types[node]; }
    // The module box the node is drawn in ("" = the model): a module call inside its
    // module's parent, an op inside its scope.
    const QString& container(int node) const { return m_containers[node]; }
    const ModuleInfo* module(const QString& path) const;
    int moduleIndex(const QString& path) const { return m_moduleIndex.value(path, -1); }
    const OpNode* nodeByUniqueName(const QString& name) const;
    // The module-call nodes of a layer (several when the module is called more than once):
    // the views restyle and highlight by node, and a name lookup per drawn node cost
    // milliseconds at scale.
    const QVector<int>& layerNodes(const QString& layer) const;
    Shape outputShape(const OpNode& node) const;
    Shape inputShape(const OpNode& node) const;

    // Channel dependency sets under the rules in force: NNI's (every prunable layer,
    // singletons included, NNI order), or with strict rules one set per strict group
    // (set i is strictGroup(i)), tied by the ops that tie the group's filters.
    const ChannelDependencyResult& channel() const { return m_channel; }
    const ChannelDependencyResult& nniChannel() const { return m_nniChannel; } // the NNI-format CSV's
    bool isStrict() const { return m_strict != nullptr; }
    const StrictReport* strict() const { return m_strict.get(); }
    const PruningGroup* strictGroup(int set) const;
    // The differences from NNI's sets that name `layer` (none under NNI's rules).
    std::vector<const RulesDifference*> differencesOf(const QString& layer) const;
    const LayerSets& channelSets() const { return m_channel.sets; }
    const LayerSets& tiedBy() const { return m_channel.tied_by; }
    const LayerSets& inputChannelSets() const { return m_doc->analysis.input_channel; }
    const LayerSets& sets(ColorMode mode) const
    {
        return mode == ColorMode::ChannelSets ? channelSets() : inputChannelSets();
    }
    // Index into the sets of the set holding `layer`, or -1.
    int setOf(ColorMode mode, const QString& layer) const;
    // The set an op ties (channel sets), or -1.
    int setTiedBy(const QString& uniqueName) const { return m_tiedSet.value(uniqueName, -1); }
    // Colour of a set among the multi-layer sets of that kind, -1 for a singleton.
    int colorOfSet(ColorMode mode, int set) const;
    int setOfColor(ColorMode mode, int color) const;
    const BoxContents& boxContents(ColorMode mode, const QString& module) const;
    const UnsafeLayer* unsafe(const QString& layer) const;
    // NNI's not_safe_to_prune, or the strict one with the layers of blocked groups.
    const std::vector<UnsafeLayer>& unsafeLayers() const { return m_unsafeLayers; }
    // max_groups / min_groups of a conv with a group constraint, else {1, 1}.
    QPair<qint64, qint64> groups(const QString& layer) const { return m_groups.value(layer, { 1, 1 }); }

private:
    struct Colors {
        QHash<QString, int> setOfLayer;
        QVector<int> colorOfSet, setOfColor;
        QHash<QString, BoxContents> boxes;
    };
    Report() = default;
    void indexSets(ColorMode mode);
    void applyRules(); // m_channel and the unsafe layers from m_nniChannel and m_strict

    int m_opCount = 0; // before m_doc: its initializer sets it
    std::shared_ptr<const ReportDocument> m_doc;
    ChannelDependencyResult m_channel, m_nniChannel;
    std::shared_ptr<const StrictReport> m_strict;
    std::vector<UnsafeLayer> m_unsafeLayers;
    QHash<QString, QVector<int>> m_differences; // layer -> indices into m_strict->differences
    QVector<ReportEdge> m_edges;
    QVector<int> m_inputNodes, m_outputNodes;
    QVector<QString> m_uniqueNames, m_names, m_types, m_scopes, m_containers;
    QHash<QString, int> m_moduleIndex, m_nodeIndex, m_unsafe, m_tiedSet;
    QHash<QString, QVector<int>> m_layerNodes;
    QHash<QString, QPair<qint64, qint64>> m_groups;
    Colors m_colors[2];
};

} // namespace prunescope::ui
