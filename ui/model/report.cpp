// SPDX-License-Identifier: MIT
#include "model/report.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace prunescope::ui {

namespace {

QString parentOf(const QString& path)
{
    const int dot = path.lastIndexOf('.');
    return dot < 0 ? QString() : path.left(dot);
}

// The name of a forward() argument: TorchScript's debug name without its ".N" ("x.2" is
// x); empty for an unnamed value ("602").
std::string argumentName(const std::string& debugName)
{
    const size_t dot = debugName.find_last_of('.');
    const bool numbered = dot != std::string::npos && dot + 1 < debugName.size()
        && debugName.find_first_not_of("0123456789", dot + 1) == std::string::npos;
    const std::string name = numbered ? debugName.substr(0, dot) : debugName;
    return name.empty() || name.find_first_not_of("0123456789") == std::string::npos ? std::string() : name;
}

// The model's inputs and outputs, drawn as nodes of their own (as Netron does): appended
// after the engine's nodes, so that those keep their ids. An input node produces its
// value, an output node consumes its value; the values themselves stay as the engine
// made them (an input has no producer), the edges carry the link.
void appendModelIo(OpGraph& graph)
{
    const auto add = [&](const char* type, std::string name, int value, bool input) {
        while (graph.findUnique(name)) // a module of that name: brackets tell them apart
            name = "[" + name + "]";
        OpNode node;
        node.id = static_cast<int>(graph.nodes.size());
        node.unique_name = name;
        // An input is named as forward() names it ("x"), where TorchScript kept the name.
        const bool known = value >= 0 && static_cast<size_t>(value) < graph.values.size();
        const std::string argument
            = input && known ? argumentName(graph.values[static_cast<size_t>(value)].debug_name) : "";
        node.name = argument.empty() ? name : argument;
        node.op_type = type;
        (input ? node.outputs : node.inputs).push_back(value);
        graph.nodes.push_back(std::move(node));
    };
    const bool oneIn = graph.inputs.size() == 1, oneOut = graph.outputs.size() == 1;
    for (size_t k = 0; k < graph.inputs.size(); ++k)
        add(kModelInputType, oneIn ? "input" : "input." + std::to_string(k + 1), graph.inputs[k], true);
    for (size_t k = 0; k < graph.outputs.size(); ++k)
        add(kModelOutputType, oneOut ? "output" : "output." + std::to_string(k + 1), graph.outputs[k], false);
}

ReportDocument withModelIo(ReportDocument document, int& opCount)
{
    opCount = static_cast<int>(document.graph.nodes.size());
    appendModelIo(document.graph);
    return document;
}

} // namespace

QString qs(const std::string& text) { return QString::fromStdString(text); }

QStringList qsList(const std::vector<std::string>& texts)
{
    QStringList list;
    list.reserve(static_cast<qsizetype>(texts.size()));
    for (const auto& t : texts)
        list << qs(t);
    return list;
}

QString joinNames(const std::vector<std::string>& names, const QString& separator, int limit)
{
    QStringList shown;
    for (size_t i = 0; i < names.size() && i < static_cast<size_t>(limit); ++i)
        shown << qs(names[i]);
    // (A plain variable for the count: lupdate does not read a cast there.)
    if (const int more = static_cast<int>(names.size()) - limit; more > 0)
        shown << QCoreApplication::translate("Report", "… and %n more", nullptr, more);
    return shown.join(separator);
}

QString shapeText(const Shape& shape)
{
    QStringList dims;
    for (int64_t d : shape)
        dims << QString::number(d);
    return dims.join(QLatin1Char('x'));
}

Report::Report(ReportDocument document)
    : m_doc(std::make_shared<const ReportDocument>(withModelIo(std::move(document), m_opCount)))
    , m_nniChannel(m_doc->analysis.channel)
{
    if (m_doc->strict)
        m_strict = std::make_shared<const StrictReport>(*m_doc->strict);
    const OpGraph& graph = m_doc->graph;
    for (size_t i = 0; i < graph.modules.size(); ++i)
        m_moduleIndex.insert(qs(graph.modules[i].path), static_cast<int>(i));
    const auto n = static_cast<qsizetype>(graph.nodes.size());
    m_uniqueNames.reserve(n);
    m_names.reserve(n);
    m_types.reserve(n);
    m_containers.reserve(n);
    m_scopes.reserve(n);
    for (const auto& node : graph.nodes) {
        m_uniqueNames << qs(node.unique_name);
        m_names << qs(node.name);
        m_types << qs(node.op_type);
        m_scopes << qs(node.scope);
        const QString& scope = m_scopes.back();
        QString container = node.isModule() ? parentOf(scope) : scope;
        if (!container.isEmpty() && !m_moduleIndex.contains(container))
            container.clear();
        m_containers << container;
        m_nodeIndex.insert(m_uniqueNames.back(), node.id);
        if (node.isModule())
            m_layerNodes[m_names.back()].append(node.id);
    }
    // The inputs' edges first, the outputs' last: the layout takes edges in program order.
    const auto& values = graph.values;
    const auto valid = [&](int v) { return v >= 0 && static_cast<size_t>(v) < values.size(); };
    for (int node = m_opCount; node < static_cast<int>(graph.nodes.size()); ++node) {
        const OpNode& io = graph.nodes[static_cast<size_t>(node)];
        if (io.op_type == kModelInputType) {
            m_inputNodes << node;
            if (valid(io.outputs.front()))
                for (int consumer : values[static_cast<size_t>(io.outputs.front())].consumers)
                    m_edges.push_back({ node, consumer, io.outputs.front() });
        } else {
            m_outputNodes << node;
        }
    }
    for (const auto& value : values)
        if (value.producer >= 0)
            for (int consumer : value.consumers)
                m_edges.push_back({ value.producer, consumer, value.id });
    for (int node : m_outputNodes) {
        const int v = graph.nodes[static_cast<size_t>(node)].inputs.front();
        if (!valid(v))
            continue;
        int from = values[static_cast<size_t>(v)].producer;
        if (from < 0) // the model hands an input straight back
            for (int in : m_inputNodes)
                if (graph.nodes[static_cast<size_t>(in)].outputs.front() == v)
                    from = in;
        if (from >= 0)
            m_edges.push_back({ from, node, v });
    }
    for (const auto& g : m_doc->analysis.groups)
        m_groups.insert(qs(g.layer), { g.max_groups, g.min_groups });
    applyRules();
    indexSets(ColorMode::InputChannelSets);
}

std::shared_ptr<const Report> Report::withChannelDependency(ChannelDependencyResult channel) const
{
    auto copy = std::shared_ptr<Report>(new Report(*this));
    copy->m_nniChannel = std::move(channel);
    copy->applyRules();
    return copy;
}

std::shared_ptr<const Report> Report::withStrictGroups(std::optional<StrictReport> strict) const
{
    auto copy = std::shared_ptr<Report>(new Report(*this));
    copy->m_strict = strict ? std::make_shared<const StrictReport>(std::move(*strict)) : nullptr;
    copy->applyRules();
    copy->indexSets(ColorMode::InputChannelSets); // the unsafe counts of the boxes
    return copy;
}

void Report::applyRules()
{
    if (!m_strict) {
        m_channel = m_nniChannel;
        m_unsafeLayers = m_doc->analysis.unsafe;
    } else {
        // The strict groups are filter groups: whatever NNI prune type is chosen, they stay.
        m_channel = {};
        m_channel.prune_type = m_nniChannel.prune_type;
        m_unsafeLayers.clear();
        for (const auto& fixed : m_strict->groups.not_safe_to_prune)
            m_unsafeLayers.push_back({ fixed.layer, fixed.node, { fixed.node }, {}, fixed.reason });
        for (const auto& group : m_strict->groups.groups) {
            m_channel.sets.push_back(group.layers());
            m_channel.tied_by.push_back(group.tied_by);
            if (!group.blocked())
                continue;
            for (const auto& layer : m_channel.sets.back())
                if (std::none_of(m_unsafeLayers.begin(), m_unsafeLayers.end(),
                        [&](const UnsafeLayer& u) { return u.layer == layer; }))
                    m_unsafeLayers.push_back({ layer, {}, {}, {}, group.blocked_reason });
        }
    }
    m_differences.clear();
    if (m_strict)
        for (size_t i = 0; i < m_strict->differences.size(); ++i)
            for (const auto& layer : m_strict->differences[i].layers)
                m_differences[qs(layer)].push_back(static_cast<int>(i));
    m_unsafe.clear();
    for (size_t i = 0; i < m_unsafeLayers.size(); ++i)
        m_unsafe.insert(qs(m_unsafeLayers[i].layer), static_cast<int>(i));
    indexSets(ColorMode::ChannelSets);
}

const PruningGroup* Report::strictGroup(int set) const
{
    if (!m_strict || set < 0 || static_cast<size_t>(set) >= m_strict->groups.groups.size())
        return nullptr;
    return &m_strict->groups.groups[static_cast<size_t>(set)];
}

std::vector<const RulesDifference*> Report::differencesOf(const QString& layer) const
{
    std::vector<const RulesDifference*> found;
    for (int i : m_differences.value(layer))
        found.push_back(&m_strict->differences[static_cast<size_t>(i)]);
    return found;
}

void Report::indexSets(ColorMode mode)
{
    Colors& c = m_colors[mode == ColorMode::ChannelSets ? 0 : 1];
    c = {};
    const LayerSets& all = sets(mode);
    for (size_t i = 0; i < all.size(); ++i) {
        for (const auto& layer : all[i])
            c.setOfLayer.insert(qs(layer), static_cast<int>(i));
        if (all[i].size() > 1) {
            c.colorOfSet.push_back(c.setOfColor.size());
            c.setOfColor.push_back(static_cast<int>(i));
        } else {
            c.colorOfSet.push_back(-1);
        }
    }
    if (mode == ColorMode::ChannelSets) {
        m_tiedSet.clear();
        for (size_t i = 0; i < m_channel.tied_by.size(); ++i)
            for (const auto& op : m_channel.tied_by[i])
                m_tiedSet.insert(qs(op), static_cast<int>(i));
    }
    // Per scope first, then each scope's totals into its enclosing boxes: a box's look is
    // then a lookup, not a scan of the whole model per box.
    struct Totals {
        int nodes = 0, unsafe = 0;
        QSet<int> colors;
    };
    QHash<QString, Totals> byScope;
    for (const auto& node : m_doc->graph.nodes) {
        const int set = node.isModule() ? c.setOfLayer.value(m_names[node.id], -1) : -1;
        Totals& t = byScope[m_scopes[node.id]];
        ++t.nodes;
        t.unsafe += node.isModule() && m_unsafe.contains(m_names[node.id]);
        if (set >= 0 && c.colorOfSet[set] >= 0)
            t.colors.insert(c.colorOfSet[set]);
    }
    QHash<QString, QSet<int>> colors;
    for (auto it = byScope.begin(); it != byScope.end(); ++it) {
        const QString& scope = it.key();
        for (qsizetype end = scope.size(); end > 0; end = scope.lastIndexOf(QLatin1Char('.'), end - 1)) {
            const QString box = scope.left(end);
            BoxContents& contents = c.boxes[box];
            contents.nodes += it->nodes;
            contents.unsafe += it->unsafe;
            if (!it->colors.isEmpty())
                colors[box].unite(it->colors);
        }
    }
    for (auto it = colors.begin(); it != colors.end(); ++it) {
        QVector<int>& list = c.boxes[it.key()].colors;
        list = QVector<int>(it->begin(), it->end());
        std::sort(list.begin(), list.end());
    }
}

const ModuleInfo* Report::module(const QString& path) const
{
    const int i = m_moduleIndex.value(path, -1);
    return i < 0 ? nullptr : &m_doc->graph.modules[static_cast<size_t>(i)];
}

const OpNode* Report::nodeByUniqueName(const QString& name) const
{
    const int i = m_nodeIndex.value(name, -1);
    return i < 0 ? nullptr : &m_doc->graph.nodes[static_cast<size_t>(i)];
}

const QVector<int>& Report::layerNodes(const QString& layer) const
{
    static const QVector<int> none;
    const auto found = m_layerNodes.constFind(layer);
    return found == m_layerNodes.cend() ? none : *found;
}

Shape Report::outputShape(const OpNode& node) const
{
    for (int id : node.outputs)
        if (id >= 0 && static_cast<size_t>(id) < values().size() && values()[static_cast<size_t>(id)].has_shape)
            return values()[static_cast<size_t>(id)].shape;
    return {};
}

Shape Report::valueShape(int value) const
{
    return value >= 0 && static_cast<size_t>(value) < values().size() && values()[static_cast<size_t>(value)].has_shape
        ? values()[static_cast<size_t>(value)].shape
        : Shape();
}

Shape Report::inputShape(const OpNode& node) const
{
    for (int id : node.inputs)
        if (id >= 0 && static_cast<size_t>(id) < values().size() && values()[static_cast<size_t>(id)].has_shape)
            return values()[static_cast<size_t>(id)].shape;
    return {};
}

int Report::setOf(ColorMode mode, const QString& layer) const
{
    return m_colors[mode == ColorMode::ChannelSets ? 0 : 1].setOfLayer.value(layer, -1);
}

int Report::colorOfSet(ColorMode mode, int set) const
{
    const auto& c = m_colors[mode == ColorMode::ChannelSets ? 0 : 1].colorOfSet;
    return set >= 0 && set < c.size() ? c[set] : -1;
}

int Report::setOfColor(ColorMode mode, int color) const
{
    const auto& c = m_colors[mode == ColorMode::ChannelSets ? 0 : 1].setOfColor;
    return color >= 0 && color < c.size() ? c[color] : -1;
}

const BoxContents& Report::boxContents(ColorMode mode, const QString& module) const
{
    static const BoxContents none;
    const auto& boxes = m_colors[mode == ColorMode::ChannelSets ? 0 : 1].boxes;
    const auto it = boxes.find(module);
    return it == boxes.end() ? none : *it;
}

const UnsafeLayer* Report::unsafe(const QString& layer) const
{
    const int i = m_unsafe.value(layer, -1);
    return i < 0 ? nullptr : &m_unsafeLayers[static_cast<size_t>(i)];
}

} // namespace prunescope::ui
