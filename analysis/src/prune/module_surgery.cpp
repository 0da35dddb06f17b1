// SPDX-License-Identifier: MIT
#include "module_surgery.h"

#include "forward_probe.h"
#include "module_constants.h"
#include "prunescope/error.h"

namespace prunescope::detail {

using torch::jit::Module;
using torch::jit::Node;
using ObjectPtr = c10::intrusive_ptr<c10::ivalue::Object>;

namespace {

std::string label(const std::string& module, const std::string& name)
{
    return module.empty() ? name : module + "." + name;
}

// Copies every module object of the tree; tensors and other attributes stay shared until
// slice() replaces them. An instance reachable twice is copied once.
ObjectPtr copyTree(const ObjectPtr& object, std::unordered_map<const c10::ivalue::Object*, ObjectPtr>& memo)
{
    if (auto found = memo.find(object.get()); found != memo.end())
        return found->second;
    ObjectPtr copy = object->copy();
    memo[object.get()] = copy;
    const auto type = object->type();
    for (size_t i = 0; i < type->numAttributes(); ++i) {
        const c10::IValue slot = object->getSlot(i);
        if (type->getAttribute(i)->is_module() && slot.isObject())
            copy->setSlot(i, copyTree(slot.toObject(), memo));
    }
    return copy;
}

ObjectPtr withType(const ObjectPtr& object, const c10::ClassTypePtr& type)
{
    ObjectPtr copy
        = c10::ivalue::Object::create(c10::StrongTypePtr(type->compilation_unit(), type), type->numAttributes());
    for (size_t i = 0; i < type->numAttributes(); ++i)
        copy->setSlot(i, object->getSlot(i));
    return copy;
}

void retypeAttribute(
    torch::jit::Block* block, const torch::jit::Value* self, const std::string& name, const c10::ClassTypePtr& type)
{
    for (Node* node : block->nodes()) {
        if (node->kind() == c10::prim::GetAttr && node->input(0) == self && node->s(c10::attr::name) == name)
            node->output()->setType(type);
        for (torch::jit::Block* sub : node->blocks())
            retypeAttribute(sub, self, name, type);
    }
}

at::Tensor indices(const std::vector<int64_t>& values)
{
    return at::tensor(values, at::TensorOptions().dtype(at::kLong));
}

at::Tensor sliceTensor(const at::Tensor& tensor, const TensorSlice& s, const std::string& what)
{
    auto fail = [&](const std::string& why) {
        throw Error(
            ErrorKind::BadInput, "the pruning plan cannot slice " + what + " " + c10::str(tensor.sizes()) + ": " + why);
    };
    if (s.dim < 0 || s.dim >= tensor.dim())
        fail("it has no dim " + std::to_string(s.dim));
    if (s.kept.empty())
        fail("the plan keeps nothing along dim " + std::to_string(s.dim)
            + " (a layer cannot lose every channel: keep at least one filter)");
    const int64_t groups = std::max<int64_t>(1, s.groups);
    const int64_t perGroup = tensor.size(s.dim);
    const int64_t total = groups > 1 ? perGroup * groups : perGroup;
    for (size_t i = 0; i < s.kept.size(); ++i)
        if (s.kept[i] < 0 || s.kept[i] >= total || (i && s.kept[i] <= s.kept[i - 1]))
            fail("kept indices must be ascending within 0.." + std::to_string(total - 1));
    if (groups == 1)
        return s.kept.size() == static_cast<size_t>(perGroup) ? tensor : tensor.index_select(s.dim, indices(s.kept));
    // Grouped: each group of rows reads its own block of input channels.
    if (s.dim == 0 || tensor.size(0) % groups != 0)
        fail("groups " + std::to_string(groups) + " only apply to dim 1 of a weight whose rows split into them");
    std::vector<std::vector<int64_t>> local(static_cast<size_t>(groups));
    for (int64_t c : s.kept)
        local[static_cast<size_t>(c / perGroup)].push_back(c % perGroup);
    const int64_t rows = tensor.size(0) / groups;
    std::vector<at::Tensor> parts;
    for (int64_t g = 0; g < groups; ++g) {
        if (local[static_cast<size_t>(g)].size() != local[0].size())
            fail("every group must keep as many input channels (group 0 keeps " + std::to_string(local[0].size())
                + ", group " + std::to_string(g) + " keeps " + std::to_string(local[static_cast<size_t>(g)].size())
                + ")");
        parts.push_back(tensor.narrow(0, g * rows, rows).index_select(s.dim, indices(local[static_cast<size_t>(g)])));
    }
    return at::cat(parts, 0);
}

} // namespace

ModuleSurgery::ModuleSurgery(const Module& original)
{
    std::unordered_map<const c10::ivalue::Object*, ObjectPtr> memo;
    m_root = Module(copyTree(original._ivalue(), memo));
}

Module ModuleSurgery::moduleAt(const std::string& path) const
{
    Module module = m_root;
    size_t start = 0;
    while (!path.empty() && start <= path.size()) {
        const size_t dot = std::min(path.find('.', start), path.size());
        const std::string name = path.substr(start, dot - start);
        if (!module.hasattr(name) || !module.attr(name).isObject() || !module.type()->getAttribute(name)->is_module())
            throw Error(ErrorKind::BadInput, "the pruning plan names module " + path + ", which the model lacks");
        module = Module(module.attr(name).toObject());
        start = dot + 1;
    }
    return module;
}

c10::ClassTypePtr ModuleSurgery::copyType(const c10::ClassTypePtr& old, const Constants& constants, NodeCopies& copies)
{
    const auto name = old->name() ? old->name()->qualifiedName() : std::string("Module");
    if (!old->getForwardHooks().empty() || !old->getForwardPreHooks().empty() || !old->properties().empty())
        throw Error(ErrorKind::BadInput,
            "module class " + name
                + " has forward hooks or properties, which the pruner cannot copy; leave its layers out of the masks");
    auto cu = old->compilation_unit();
    auto type = c10::ClassType::create(cu->mangle(*old->name()), cu, /*is_module=*/true, old->doc_string());
    for (size_t i = 0; i < old->numAttributes(); ++i)
        type->addAttribute(old->getAttributeName(i), old->getAttribute(i), old->is_parameter(i), old->is_buffer(i));
    for (size_t i = 0; i < old->numConstants(); ++i) {
        auto changed = constants.find(old->getConstantName(i));
        type->addConstant(old->getConstantName(i), changed == constants.end() ? old->getConstant(i) : changed->second);
    }
    cu->register_type(type);
    const auto remap
        = [&](const c10::TypePtr& t) -> c10::TypePtr { return t.get() == old.get() ? c10::TypePtr(type) : t; };
    for (torch::jit::Function* method : old->methods()) {
        auto& function = torch::jit::toGraphFunction(*method);
        auto graph = function.graph()->copy();
        pairCopiedNodes(function.graph()->block(), graph->block(), copies);
        graph->remapTypes(remap);
        torch::jit::Function* copied = cu->create_function(c10::QualifiedName(*type->name(), method->name()), graph);
        copied->setSchema(method->getSchema().cloneWithRemappedTypes(remap));
        type->addMethod(copied);
    }
    return type;
}

Module ModuleSurgery::own(const std::string& path)
{
    if (auto found = m_owned.find(path); found != m_owned.end())
        return found->second;
    return replaceType(path, {});
}

Module ModuleSurgery::replaceType(const std::string& path, const Constants& constants)
{
    if (path.empty()) {
        m_nodeCopy[path].clear();
        m_root = Module(withType(m_root._ivalue(), copyType(m_root.type(), constants, m_nodeCopy[path])));
        return m_owned[path] = m_root;
    }
    const auto dot = path.rfind('.');
    const std::string parentPath = dot == std::string::npos ? std::string() : path.substr(0, dot);
    const std::string name = dot == std::string::npos ? path : path.substr(dot + 1);
    Module parent = own(parentPath);
    const Module child = moduleAt(path);
    m_nodeCopy[path].clear();
    const c10::ClassTypePtr type = copyType(child.type(), constants, m_nodeCopy[path]);
    const ObjectPtr object = withType(child._ivalue(), type);
    // The parent's methods reach the child through GetAttr, typed with the child's class:
    // that is where the calls are bound, so they must name the copy.
    if (parent.type()->getAttribute(name)->cast<c10::ClassType>()) {
        parent.type()->unsafeChangeAttributeType(name, type);
        for (torch::jit::Function* method : parent.type()->methods()) {
            auto graph = torch::jit::toGraphFunction(*method).graph();
            retypeAttribute(graph->block(), graph->inputs().at(0), name, type);
        }
    }
    parent._ivalue()->setAttr(name, object);
    return m_owned[path] = Module(object);
}

void ModuleSurgery::refreshChannelConstants()
{
    for (const std::string& path : m_sliced) {
        const Constants changed = changedChannelConstants(moduleAt(path));
        if (!changed.empty())
            replaceType(path, changed);
    }
}

void ModuleSurgery::slice(const TensorSlice& s)
{
    Module module = moduleAt(s.module);
    const std::string what = label(s.module, s.name);
    if (!module.hasattr(s.name) || !module.attr(s.name).isTensor())
        throw Error(ErrorKind::BadInput, "the pruning plan slices " + what + ", which is not a tensor of the model");
    const at::Tensor tensor = module.attr(s.name).toTensor();
    at::Tensor sliced = sliceTensor(tensor, s, what);
    if (sliced.is_same(tensor))
        return;
    sliced.set_requires_grad(tensor.requires_grad());
    module._ivalue()->setAttr(s.name, sliced);
    m_sliced.insert(s.module);
}

void ModuleSurgery::setConstant(
    const std::string& path, const Node* node, size_t input, int element, int64_t value, const std::string& what)
{
    auto fail = [&](const std::string& why) {
        throw Error(ErrorKind::BadInput, "the pruning plan changes " + what + ", but " + why);
    };
    const auto key = std::make_tuple(path, node, input, element);
    if (auto done = m_constants.find(key); done != m_constants.end()) {
        if (done->second != value)
            fail("another call of the same module asks for " + std::to_string(done->second)
                + " there; a module called several times must keep one channel count");
        return;
    }
    own(path);
    const NodeCopies& copies = m_nodeCopy[path];
    auto copy = copies.find(node);
    if (copy == copies.end())
        fail("that op sits in a TorchScript function shared by all its callers, not in a method of module "
            + (path.empty() ? std::string("(root)") : path) + "; leave the layers it serves out of the masks");
    Node* target = copy->second;
    if (input >= target->inputs().size())
        fail("the op has no input " + std::to_string(input));
    torch::jit::Graph& graph = *target->owningGraph();
    torch::jit::WithInsertPoint guard(target);
    torch::jit::Value* current = target->input(input);
    if (element < 0) {
        auto constant = torch::jit::toIValue(current);
        if (!constant || !constant->isInt())
            fail("that argument is computed while the model runs, not a constant");
        target->replaceInput(input, graph.insertConstant(value));
    } else if (current->node()->kind() == c10::prim::ListConstruct) {
        Node* list = current->node();
        const auto at = static_cast<size_t>(element);
        if (at >= list->inputs().size() || !torch::jit::toIValue(list->input(at)))
            fail("element " + std::to_string(element) + " of that list is computed while the model runs");
        // A fresh list: the old one may feed other ops.
        std::vector<torch::jit::Value*> elements(list->inputs().begin(), list->inputs().end());
        elements[at] = graph.insertConstant(value);
        Node* fresh = graph.insertNode(graph.create(c10::prim::ListConstruct, elements, 1));
        fresh->output()->setType(current->type());
        target->replaceInput(input, fresh->output());
    } else {
        auto constant = torch::jit::toIValue(current);
        if (!constant || !constant->isIntList() || static_cast<size_t>(element) >= constant->toIntVector().size())
            fail("that argument is not a constant list with an element " + std::to_string(element));
        auto ints = constant->toIntVector();
        ints[static_cast<size_t>(element)] = value;
        target->replaceInput(input, graph.insertConstant(ints));
    }
    m_constants[key] = value;
}

} // namespace prunescope::detail
