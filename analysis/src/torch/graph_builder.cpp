// SPDX-License-Identifier: MIT
#include "graph_builder.h"

#include "container_flow.h"
#include "shape_recorder.h"
#include "torch_pch.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace prunescope::detail {

using torch::jit::Block;
using torch::jit::Node;
using torch::jit::Value;

namespace {

bool isUnpack(const Node* node)
{
    return node->kind() == c10::prim::ListUnpack || node->kind() == c10::prim::TupleUnpack;
}

bool isConstruct(const Node* node)
{
    return node->kind() == c10::prim::ListConstruct || node->kind() == c10::prim::TupleConstruct;
}

// NNI's _is_key_func: aten (and other non-prim) ops and unpacks get nodes of their own;
// the remaining prim ops are folded into the op that consumes them.
bool isKeyNode(const Node* node) { return !node->kind().is_prim() || isUnpack(node); }

// x.device, x.dtype: what a tensor is, not its data. A script reads them where a trace
// has constants (make_coords_grid(...).to(fmap.device) in RAFT); as edges they would tie
// unrelated layers.
bool readsMetadata(const Node* node)
{
    const auto kind = node->kind();
    return kind == c10::prim::device || kind == c10::prim::dtype || kind == c10::prim::layout
        || kind == c10::prim::is_cuda;
}

bool carriesData(const Value* value)
{
    const auto& type = value->type();
    if (value->node()->kind() == c10::prim::Constant || readsMetadata(value->node()))
        return false;
    if (auto classType = type->cast<c10::ClassType>())
        return false; // module objects: structure, not data
    return type->kind() != c10::TypeKind::NoneType;
}

OpArgument::Kind argumentKind(const c10::TypePtr& type)
{
    switch (type->kind()) {
    case c10::TypeKind::TensorType: return OpArgument::Kind::Tensor;
    case c10::TypeKind::IntType: return OpArgument::Kind::Int;
    case c10::TypeKind::FloatType: return OpArgument::Kind::Float;
    case c10::TypeKind::BoolType: return OpArgument::Kind::Bool;
    case c10::TypeKind::NoneType: return OpArgument::Kind::None;
    case c10::TypeKind::StringType: return OpArgument::Kind::String;
    case c10::TypeKind::ListType:
        if (type->containedType(0)->kind() == c10::TypeKind::IntType)
            return OpArgument::Kind::IntList;
        if (type->containedType(0)->kind() == c10::TypeKind::TensorType)
            return OpArgument::Kind::TensorList;
        return OpArgument::Kind::Other;
    case c10::TypeKind::OptionalType: return argumentKind(type->containedType(0));
    default: return OpArgument::Kind::Other;
    }
}

struct Group {
    NodeKind kind = NodeKind::Function;
    int call = -1; // leaf-module call, for module groups
    std::string scope;
    const Node* key = nullptr; // the op a function node is named after
    std::vector<const Node*> members;
    std::unordered_set<const Node*> memberSet;

    void add(const Node* node)
    {
        if (memberSet.insert(node).second)
            members.push_back(node);
    }
};

class Builder {
public:
    Builder(const torch::jit::Graph& graph, const CallTable& calls, const ShapeRecorder& recorder,
        const std::vector<ModuleInfo>& modules, GraphBuildTrace* trace)
        : m_graph(graph)
        , m_calls(calls)
        , m_recorder(recorder)
        , m_trace(trace)
    {
        for (const auto& module : modules)
            m_leaf[module.path] = module.leaf;
    }

    OpGraph build()
    {
        flatten(m_graph.block());
        formGroups();
        OpGraph result;
        addModelInputs(result);
        collectModelOutputs();
        for (size_t g = 0; g < m_groups.size(); ++g)
            result.nodes.push_back(makeNode(static_cast<int>(g), result));
        connect(result);
        for (auto& node : result.nodes)
            recordOps(node, result);
        return result;
    }

private:
    const Value* canon(const Value* value) const
    {
        while (true) {
            if (auto found = m_alias.find(value); found != m_alias.end())
                value = found->second;
            else if ((ShapeRecorder::isInstrumentation(value->node()) || m_calls.synthetic.count(value->node()))
                && !value->node()->inputs().empty())
                value = value->node()->input(0); // run_device's constant, a peeled loop's counter
            else
                return value;
        }
    }

    void alias(const Value* from, const Value* to) { m_alias[from] = to; }

    // The executed program as a straight list of nodes: `if` replaced by the branch that
    // ran, loop bodies listed once, construct/unpack pairs looked through.
    void flatten(const Block* block)
    {
        for (const Node* node : block->nodes()) {
            if (node->kind() == c10::prim::Constant || ShapeRecorder::isInstrumentation(node)
                || m_calls.synthetic.count(node) || readsMetadata(node))
                continue;
            if (node->kind() == c10::prim::If) {
                flattenIf(node);
                continue;
            }
            if (node->kind() == c10::prim::Loop) {
                flattenLoop(node);
                continue;
            }
            if (m_containers.absorb(node))
                continue;
            for (const Block* sub : node->blocks())
                if (m_recorder.runsOf(sub) > 0)
                    flatten(sub);
            m_index[node] = m_flat.size();
            m_flat.push_back(node);
            if (auto read = m_containers.contentsRead(node); !read.empty())
                m_throughContainers[node] = std::move(read);
            // A list the program appends to between its reads (DenseNet's features, read
            // by every layer's cat) holds, at each read, what was in it then.
            for (size_t i = 0; i < node->inputs().size(); ++i)
                if (m_containers.isContainer(node->input(i)))
                    m_heldAtUse[{ node, i }] = m_containers.leaves(node->input(i));
        }
    }

    void flattenIf(const Node* node)
    {
        for (const Block* branch : node->blocks()) {
            if (m_recorder.runsOf(branch) == 0)
                continue;
            for (size_t i = 0; i < node->outputs().size(); ++i)
                alias(node->outputs()[i], branch->outputs()[i]);
            flatten(branch);
            return;
        }
    }

    // Loop inputs: (trip count, condition, carried...); body inputs: (iteration,
    // carried...); body outputs: (condition, carried...); loop outputs: carried.
    void flattenLoop(const Node* node)
    {
        const Block* body = node->blocks()[0];
        const size_t carried = node->outputs().size();
        for (size_t j = 0; j < carried; ++j)
            alias(body->inputs()[j + 1], node->inputs()[j + 2]);
        const bool ran = m_recorder.runsOf(body) > 0;
        for (size_t j = 0; j < carried; ++j)
            alias(node->outputs()[j], ran ? body->outputs()[j + 1] : node->inputs()[j + 2]);
        if (ran)
            flatten(body);
    }

    // The innermost leaf-module call a node belongs to, or -1.
    int leafCallOf(int call) const
    {
        int leaf = -1;
        for (int c = call; c >= 0; c = m_calls.calls[static_cast<size_t>(c)].parent) {
            auto found = m_leaf.find(m_calls.calls[static_cast<size_t>(c)].path);
            if (found != m_leaf.end() && found->second)
                leaf = c;
        }
        return leaf;
    }

    int producerGroup(const Value* value) const
    {
        auto found = m_groupOf.find(canon(value)->node());
        return found == m_groupOf.end() ? -1 : found->second;
    }

    void formGroups()
    {
        std::unordered_map<int, int> groupOfCall;
        std::vector<const Node*> pendingFolds;
        for (const Node* node : m_flat) {
            const int owner = m_calls.ownerOf(node);
            const int leaf = leafCallOf(owner);
            if (leaf >= 0) {
                auto [it, added] = groupOfCall.emplace(leaf, static_cast<int>(m_groups.size()));
                if (added) {
                    Group group;
                    group.kind = NodeKind::Module;
                    group.call = leaf;
                    group.scope = m_calls.pathOf(leaf);
                    m_groups.push_back(std::move(group));
                }
                m_groups[static_cast<size_t>(it->second)].add(node);
                m_groupOf[node] = it->second;
                continue;
            }
            if (!isKeyNode(node))
                continue;
            // An unpack of a list some node produced (chunk, split, an LSTM's tuple)
            // becomes part of that node, so its elements are that node's outputs.
            if (isUnpack(node)) {
                const int producer = producerGroup(node->input(0));
                if (producer >= 0) {
                    m_groups[static_cast<size_t>(producer)].add(node);
                    m_groupOf[node] = producer;
                    continue;
                }
            }
            Group group;
            group.scope = m_calls.pathOf(owner);
            group.key = node;
            group.add(node);
            m_groupOf[node] = static_cast<int>(m_groups.size());
            m_groups.push_back(std::move(group));
            foldPrimInputs(m_groups.back(), owner);
        }
    }

    // NNI's _expand_key_func_node: prim ops of the same scope that feed the key op
    // (a ListConstruct feeding cat, say) belong to it.
    void foldPrimInputs(Group& group, int owner)
    {
        std::vector<const Node*> queue { group.key };
        while (!queue.empty()) {
            const Node* current = queue.back();
            queue.pop_back();
            for (const Value* input : current->inputs()) {
                const Node* producer = canon(input)->node();
                if (producer->kind() == c10::prim::Constant || !m_index.count(producer) || isKeyNode(producer))
                    continue;
                if (leafCallOf(m_calls.ownerOf(producer)) >= 0)
                    continue;
                if (m_calls.pathOf(m_calls.ownerOf(producer)) != m_calls.pathOf(owner))
                    continue;
                if (!group.memberSet.count(producer)) {
                    group.add(producer);
                    queue.push_back(producer);
                }
            }
        }
        std::sort(group.members.begin(), group.members.end(),
            [this](const Node* a, const Node* b) { return m_index.at(a) < m_index.at(b); });
    }

    void addModelInputs(OpGraph& result)
    {
        const auto inputs = m_graph.inputs();
        for (size_t i = 1; i < inputs.size(); ++i) {
            const int id = valueId(inputs[i], result);
            result.values[static_cast<size_t>(id)].model_input = static_cast<int>(i - 1);
            result.inputs.push_back(id);
        }
    }

    // Model outputs packed in tuples/lists are their elements.
    void collectModelOutputs()
    {
        std::vector<const Value*> queue(m_graph.outputs().begin(), m_graph.outputs().end());
        while (!queue.empty()) {
            const Value* value = canon(queue.back());
            queue.pop_back();
            const Node* producer = value->node();
            if (m_containers.isContainer(value) && !m_groupOf.count(producer)) {
                const auto leaves = m_containers.leaves(value);
                queue.insert(queue.end(), leaves.rbegin(), leaves.rend());
                continue;
            }
            if (isConstruct(producer) && !m_groupOf.count(producer)) {
                queue.insert(queue.end(), producer->inputs().begin(), producer->inputs().end());
                continue;
            }
            if (carriesData(value))
                m_modelOutputs.push_back(value);
        }
        std::reverse(m_modelOutputs.begin(), m_modelOutputs.end());
    }

    int valueId(const Value* value, OpGraph& result)
    {
        value = canon(value);
        auto found = m_valueIds.find(value);
        if (found != m_valueIds.end())
            return found->second;
        GraphValue v;
        v.id = static_cast<int>(result.values.size());
        v.debug_name = value->debugName();
        v.type = value->type()->annotation_str();
        if (const Observation* seen = m_recorder.observed(value)) {
            v.has_shape = seen->tensor;
            v.shape = seen->shape;
            v.dtype = seen->dtype;
            v.has_ints = !seen->tensor && !seen->is_string;
            v.ints = seen->ints;
        }
        m_valueIds[value] = v.id;
        result.values.push_back(std::move(v));
        if (m_trace)
            m_trace->values.push_back(value);
        return m_valueIds[value];
    }

    // `held`: the contents of a followed container when the op read it.
    OpArgument argument(
        const Value* value, const std::string& name, OpGraph& result, const std::vector<const Value*>* held = nullptr)
    {
        value = canon(value);
        OpArgument arg;
        arg.name = name;
        arg.kind = argumentKind(value->type());
        if (auto constant = torch::jit::toIValue(value)) {
            arg.known = true;
            if (constant->isInt())
                arg.ints = { constant->toInt() };
            else if (constant->isBool())
                arg.ints = { constant->toBool() ? 1 : 0 };
            else if (constant->isIntList())
                arg.ints = constant->toIntVector();
            else if (constant->isDouble())
                arg.number = constant->toDouble();
            else if (constant->isString())
                arg.text = constant->toStringRef();
            else if (constant->isNone())
                arg.kind = OpArgument::Kind::None;
            else
                arg.known = false;
            if (constant->isTensor()) {
                arg.constant_tensor = true;
                arg.constant_shape = constant->toTensor().sizes().vec();
            }
            return arg;
        }
        if (const Observation* seen = m_recorder.observed(value)) {
            arg.known = true;
            arg.shape = seen->shape;
            arg.ints = seen->ints;
            arg.text = seen->text;
        }
        if (arg.kind == OpArgument::Kind::TensorList && held) {
            arg.known = true;
            for (const Value* element : *held) {
                const Observation* seen = m_recorder.observed(element);
                if (!seen || !seen->tensor)
                    arg.known = false;
                if (arg.known)
                    arg.shapes.push_back(seen->shape);
                arg.elements.push_back(argument(element, "", result));
            }
            if (!arg.known)
                arg.shapes.clear();
        }
        auto id = m_valueIds.find(value);
        if (id != m_valueIds.end())
            arg.value = id->second;
        addSource(arg, value, result);
        return arg;
    }

    // What the strict pruning groups need beyond the edges: which parameter a tensor is,
    // the elements of a list built for the op, and a name for values internal to a node.
    void addSource(OpArgument& arg, const Value* value, OpGraph& result)
    {
        const Value* source = value;
        // Scripted code narrows Optional / Union types with a cast that changes nothing.
        if (source->node()->kind() == c10::prim::unchecked_cast) {
            source = canon(source->node()->input(0));
            if (auto id = m_valueIds.find(source); id != m_valueIds.end() && arg.value < 0)
                arg.same_as = id->second;
        }
        const Node* producer = source->node();
        auto type = source->type();
        if (type->kind() == c10::TypeKind::OptionalType)
            type = type->containedType(0); // scripted Conv2d's bias: Optional[Tensor]
        const bool attributeType = type->kind() == c10::TypeKind::TensorType || type->kind() == c10::TypeKind::IntType;
        if (producer->kind() == c10::prim::GetAttr && attributeType) {
            std::string path;
            if (modulePath(producer->input(0), path)) {
                const std::string& name = producer->s(c10::attr::name);
                arg.parameter = path.empty() ? name : path + "." + name;
                return;
            }
        }
        if (isConstruct(producer) && arg.elements.empty())
            for (const Value* element : producer->inputs())
                arg.elements.push_back(argument(element, "", result));
        if (arg.value < 0)
            arg.local = m_locals.emplace(value, static_cast<int>(m_locals.size())).first->second;
    }

    bool modulePath(const Value* value, std::string& path) const
    {
        if (value == m_graph.inputs().at(0)) {
            path.clear();
            return true;
        }
        const Node* node = value->node();
        if (node->kind() != c10::prim::GetAttr || !modulePath(node->input(0), path))
            return false;
        path = path.empty() ? node->s(c10::attr::name) : path + "." + node->s(c10::attr::name);
        return true;
    }

    // A list result unpacked inside the node (chunk, split): its pieces.
    void addPieces(OpArgument& arg, const Value* output, const Group& group, OpGraph& result)
    {
        // The unpack may read the list through a tuple an inlined function returned.
        for (const Node* member : group.members)
            if (isUnpack(member) && canon(member->input(0)) == canon(output)) {
                for (const Value* piece : member->outputs())
                    arg.elements.push_back(argument(piece, "", result));
                return;
            }
    }

    OpCall opCall(const Node* node, const Group& group, OpGraph& result)
    {
        OpCall call;
        call.kind = node->kind().toQualString();
        call.executions = std::max(1, m_recorder.runsOf(node->owningBlock()));
        const auto* schema = node->maybeSchema();
        for (size_t i = 0; i < node->inputs().size(); ++i) {
            std::string name;
            if (schema && i < schema->arguments().size())
                name = schema->arguments()[i].name();
            auto held = m_heldAtUse.find({ node, i });
            call.inputs.push_back(
                argument(node->inputs()[i], name, result, held == m_heldAtUse.end() ? nullptr : &held->second));
        }
        for (const Value* output : node->outputs()) {
            call.outputs.push_back(argument(output, "", result));
            addPieces(call.outputs.back(), output, group, result);
        }
        return call;
    }

    OpNode makeNode(int index, OpGraph& result)
    {
        const Group& group = m_groups[static_cast<size_t>(index)];
        OpNode node;
        node.id = index;
        node.kind = group.kind;
        node.scope = group.scope;
        if (group.kind == NodeKind::Module) {
            node.op_type = m_calls.calls[static_cast<size_t>(group.call)].type;
            node.name = group.scope;
            node.call_index = m_callCount[group.scope]++;
            node.unique_name = node.call_index ? node.name + "." + std::to_string(node.call_index) : node.name;
        } else {
            node.op_type = group.key->kind().toQualString();
            const std::string base = (group.scope.empty() ? "" : group.scope + ".") + node.op_type;
            const int seen = m_nameCount[base]++;
            node.name = seen ? base + "." + std::to_string(seen) : base;
            node.unique_name = node.name;
        }
        node.executions = std::max(1, m_recorder.runsOf(group.members.front()->owningBlock()));
        auto addInput = [&](const Value* value) {
            if (!carriesData(value) || group.memberSet.count(value->node()))
                return;
            const int id = valueId(value, result);
            if (std::find(node.inputs.begin(), node.inputs.end(), id) == node.inputs.end())
                node.inputs.push_back(id);
        };
        for (const Node* member : group.members) {
            for (const Value* input : member->inputs()) {
                const Value* value = canon(input);
                // A container no node makes (a dict filled entry by entry, a list built
                // in the caller's scope) is not data itself: its entries are.
                if (m_containers.isContainer(value) && !m_groupOf.count(value->node()))
                    continue;
                addInput(value);
            }
            auto through = m_throughContainers.find(member);
            if (through != m_throughContainers.end())
                for (const Value* value : through->second)
                    addInput(canon(value));
        }
        for (const Node* member : group.members)
            for (const Value* output : member->outputs())
                if (carriesData(output) && canon(output) == output)
                    m_produced.emplace_back(output, index);
        return node;
    }

    void recordOps(OpNode& node, OpGraph& result)
    {
        m_locals.clear();
        if (m_trace)
            m_trace->ops.emplace_back();
        const Group& group = m_groups[static_cast<size_t>(node.id)];
        for (const Node* member : group.members) {
            if (member->kind().is_prim())
                continue;
            node.ops.push_back(opCall(member, group, result));
            if (m_trace)
                m_trace->ops.back().push_back(member);
        }
    }

    // Outputs are the produced values someone outside the node reads, or that leave
    // the model; consumers are filled in the same pass.
    void connect(OpGraph& result)
    {
        for (auto& node : result.nodes)
            for (int id : node.inputs)
                result.values[static_cast<size_t>(id)].consumers.push_back(node.id);
        for (const Value* output : m_modelOutputs) {
            const int id = valueId(output, result);
            result.values[static_cast<size_t>(id)].model_output = true;
            result.outputs.push_back(id);
        }
        // Only values some other node reads, or that leave the model, are outputs (in
        // the order they are produced); values internal to a node stay out of the graph.
        for (const auto& [output, producer] : m_produced) {
            auto found = m_valueIds.find(output);
            if (found == m_valueIds.end())
                continue;
            result.values[static_cast<size_t>(found->second)].producer = producer;
            result.nodes[static_cast<size_t>(producer)].outputs.push_back(found->second);
        }
    }

    const torch::jit::Graph& m_graph;
    const CallTable& m_calls;
    const ShapeRecorder& m_recorder;
    GraphBuildTrace* m_trace;
    std::unordered_map<std::string, bool> m_leaf;
    std::unordered_map<const Value*, const Value*> m_alias;
    ContainerFlow m_containers { m_recorder, [this](const Value* v) { return canon(v); },
        [this](const Value* from, const Value* to) { alias(from, to); }, m_graph.inputs().at(0) };
    std::unordered_map<const Node*, std::vector<const Value*>> m_throughContainers;
    std::map<std::pair<const Node*, size_t>, std::vector<const Value*>> m_heldAtUse;
    std::vector<const Node*> m_flat;
    std::unordered_map<const Node*, size_t> m_index;
    std::vector<Group> m_groups;
    std::unordered_map<const Node*, int> m_groupOf;
    std::vector<const Value*> m_modelOutputs;
    std::unordered_map<const Value*, int> m_valueIds;
    std::vector<std::pair<const Value*, int>> m_produced;
    std::unordered_map<std::string, int> m_callCount;
    std::unordered_map<std::string, int> m_nameCount;
    std::unordered_map<const Value*, int> m_locals; // of the node being recorded
};

} // namespace

OpGraph buildOpGraph(const torch::jit::Graph& graph, const CallTable& calls, const ShapeRecorder& recorder,
    const std::vector<ModuleInfo>& modules, GraphBuildTrace* trace)
{
    if (trace)
        *trace = {};
    return Builder(graph, calls, recorder, modules, trace).build();
}

} // namespace prunescope::detail
