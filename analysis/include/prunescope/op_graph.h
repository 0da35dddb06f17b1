// SPDX-License-Identifier: MIT
#pragma once
// The engine's central data structure: a model's forward pass as a graph of leaf-module
// calls and free-standing functional ops, with the runtime shape of every tensor that
// flows between them. Built once per model (see model.h); every analysis reads it.
// Plain data: no torch, no Qt, cheap to copy into a report.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace prunescope {

using Shape = std::vector<int64_t>;

// A value flowing between nodes: a tensor, or a scalar/list that still carries data
// dependencies (x.size(0) feeding a view, say). Constants are not values here.
struct GraphValue {
    int id = -1;
    std::string debug_name;
    std::string type; // TorchScript type: "Tensor", "int", "int[]", "Tensor[]", ...
    bool has_shape = false;
    Shape shape; // runtime shape, when the value is a tensor that was observed
    std::string dtype;
    std::vector<int64_t> ints; // runtime value of an int / int[] value, when observed
    bool has_ints = false;
    int producer = -1; // node id; -1 for model inputs and values made outside every node
    int model_input = -1; // index among the model's inputs, or -1
    bool model_output = false;
    std::vector<int> consumers; // node ids, each once, in program order
};

// One argument of an executed op, as seen at run time.
struct OpArgument {
    enum class Kind { Tensor, Int, IntList, Float, Bool, None, String, TensorList, Other };
    std::string name; // schema argument name ("groups"), empty when unknown
    Kind kind = Kind::Other;
    bool known = false; // shape (Tensor, TensorList) or value (scalars, String) known
    Shape shape;
    std::vector<Shape> shapes; // TensorList: each tensor's shape (einsum's operands, cat's inputs)
    std::vector<int64_t> ints; // Int, IntList, Bool (0/1)
    double number = 0.0; // Float
    std::string text; // String (einsum's equation)
    int value = -1; // GraphValue id when this argument is an edge of the op graph

    // Where an argument that is not an edge comes from. The strict pruning groups follow
    // channels through these; the report's JSON leaves them out.
    // A module parameter or buffer ("layer1.0.conv1.weight", "class_token"), or a scripted
    // module's int attribute ("hidden_dim").
    std::string parameter;
    int local = -1; // a value made and read inside this node (between the ops of one module call)
    int same_as = -1; // the GraphValue id this argument is a no-op cast of (scripted prim::unchecked_cast)
    bool constant_tensor = false; // a tensor constant of the model's code, of shape `constant_shape`
    Shape constant_shape;
    // A list built for this op (ListConstruct) or unpacked from its result: one entry per
    // element, in order (cat's tensors, a view's sizes, chunk's pieces).
    std::vector<OpArgument> elements;
};

// One aten op executed inside a node (a Conv2d node holds its aten::_convolution, say).
struct OpCall {
    std::string kind; // "aten::_convolution"
    std::vector<OpArgument> inputs;
    std::vector<OpArgument> outputs;
    int executions = 1; // > 1 inside loops

    const OpArgument* input(const std::string& name) const;
};

enum class NodeKind { Module, Function };

struct OpNode {
    int id = -1;
    // NNI's names: `name` is the module path for module calls ("layer1.0.relu") and the op
    // name for functions; `unique_name` tells apart repeated calls ("layer1.0.relu.1").
    std::string name;
    std::string unique_name;
    NodeKind kind = NodeKind::Function;
    std::string op_type; // module class ("Conv2d") or op kind ("aten::add")
    std::string scope; // module path: the called module, or the module whose forward holds the op
    int call_index = 0; // 0 for a module's first call
    int executions = 1; // times the node ran (> 1 inside scripted loops)
    std::vector<int> inputs; // value ids entering from outside the node
    std::vector<int> outputs; // value ids leaving it
    std::vector<OpCall> ops; // aten ops executed inside, in program order
    // The parameters that matter for pruning: in_channels, out_channels, kernel_size,
    // stride, padding, dilation, groups, transposed, output_padding (convs);
    // in_features, out_features (linear); num_features (norms); dim (cat).
    std::map<std::string, std::vector<int64_t>> attrs;
    Shape weight_shape;

    bool isModule() const { return kind == NodeKind::Module; }
    int64_t attr(const std::string& key, int64_t fallback = -1) const;
    bool hasAttr(const std::string& key) const { return attrs.count(key) != 0; }
};

struct ModuleParam {
    std::string name; // local name: "weight"
    Shape shape;
    std::string dtype;
    bool buffer = false;
    int64_t numel() const;
};

struct ModuleInfo {
    std::string path; // "" for the root, "layer1.0.conv1" below it
    std::string type; // class name: "Conv2d", "BasicBlock"
    // TorchScript's qualified name, "__torch__.torch.nn.modules.conv.___torch_mangle_3.Conv2d":
    // tells torch.nn's classes from a user's class of the same name.
    std::string qualified_type;
    bool isTorchNn() const;
    std::string parent; // path of the parent; empty for the root and its children
    std::vector<std::string> children; // paths, in definition order
    bool leaf = false;
    std::vector<ModuleParam> params; // own parameters and buffers, not the children's
    int64_t own_param_count = 0; // parameters only (NNI and torchvision count these)
    int64_t total_param_count = 0; // with all descendants
    std::vector<int> calls; // op node ids of this module's calls (leaf modules only)
};

struct OpGraph {
    std::string model_path;
    std::vector<OpNode> nodes; // program order: a node comes after its producers
    std::vector<GraphValue> values;
    std::vector<ModuleInfo> modules; // pre-order, the root first
    std::vector<int> inputs; // value ids of the model's inputs
    std::vector<int> outputs; // value ids of the model's outputs

    // Producer node of each input value that has one (NNI's find_predecessors).
    std::vector<int> predecessors(int node) const;
    // Consumers of each output value (NNI's find_successors).
    std::vector<int> successors(int node) const;
    const OpNode* findUnique(const std::string& unique_name) const;
    const ModuleInfo* module(const std::string& path) const;
    // Node ids in the order NNI v2.9's TorchModuleGraph lists them (nodes_op): all
    // module calls first, grouped by module in order of the module's first call, then
    // functions grouped by enclosing module in order of first appearance.
    std::vector<int> nniOrder() const;
    int64_t totalParamCount() const; // the whole model's parameters
};

} // namespace prunescope
