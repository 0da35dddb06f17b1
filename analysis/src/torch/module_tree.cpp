// SPDX-License-Identifier: MIT
#include "module_tree.h"

#include "call_inliner.h"
#include "torch_pch.h"

#include <unordered_map>

namespace prunescope::detail {

namespace {

std::string qualifiedTypeName(const torch::jit::Module& module)
{
    const auto& name = module.type()->name();
    return name ? name->qualifiedName() : std::string("Module");
}

ModuleParam param(const std::string& name, const at::Tensor& tensor, bool buffer)
{
    ModuleParam p;
    p.name = name;
    p.buffer = buffer;
    if (tensor.defined()) {
        p.shape = tensor.sizes().vec();
        p.dtype = c10::toString(tensor.scalar_type());
    }
    return p;
}

// Quantized conv and linear modules keep their int8 weights packed for the kernels (a
// custom-class attribute, not a parameter), so they looked like layers without weights:
// 0 parameters, 0 FLOPs. Their exported _weight_bias() unpacks them.
void addPackedWeights(const torch::jit::Module& module, ModuleInfo& info)
{
    for (const auto& p : info.params)
        if (p.name == "weight")
            return;
    const auto method = module.find_method("_weight_bias");
    if (!method)
        return;
    c10::IValue result;
    try {
        result = (*method)({});
    } catch (const std::exception&) {
        return; // a model's own method that fails: leave the module as it is
    }
    if (!result.isTuple())
        return;
    const auto& elements = result.toTupleRef().elements();
    const char* const names[] = { "weight", "bias" };
    for (size_t i = 0; i < 2 && i < elements.size(); ++i) {
        if (!elements[i].isTensor() || !elements[i].toTensor().defined())
            continue;
        info.params.push_back(param(names[i], elements[i].toTensor(), false));
        info.own_param_count += info.params.back().numel();
    }
}

// A quantized Linear holds its packed weights in a child module that is never called.
bool isPackedParamsHolder(const torch::jit::Module& module)
{
    const std::string type = qualifiedTypeName(module);
    return type.find("quantized") != std::string::npos && shortTypeName(type) == "LinearPackedParams";
}

} // namespace

std::vector<ModuleInfo> readModuleTree(const torch::jit::Module& root)
{
    std::vector<ModuleInfo> modules;
    std::unordered_map<std::string, size_t> indexOf;
    std::unordered_map<std::string, bool> folded;
    for (const auto& entry : root.named_modules()) {
        if (folded.count(entry.name))
            continue;
        ModuleInfo info;
        info.path = entry.name;
        info.qualified_type = qualifiedTypeName(entry.value);
        info.type = shortTypeName(info.qualified_type);
        const auto dot = info.path.rfind('.');
        info.parent = dot == std::string::npos ? std::string() : info.path.substr(0, dot);
        std::vector<torch::jit::Module> holders;
        for (const auto& child : entry.value.named_children()) {
            const std::string path = info.path.empty() ? child.name : info.path + "." + child.name;
            if (isPackedParamsHolder(child.value)) {
                folded[path] = true;
                holders.push_back(child.value);
                continue;
            }
            info.children.push_back(path);
        }
        info.leaf = info.children.empty();
        for (const auto& p : entry.value.named_parameters(false)) {
            info.params.push_back(param(p.name, p.value, false));
            info.own_param_count += info.params.back().numel();
        }
        for (const auto& b : entry.value.named_buffers(false))
            info.params.push_back(param(b.name, b.value, true));
        addPackedWeights(entry.value, info);
        for (const auto& holder : holders)
            addPackedWeights(holder, info);
        indexOf[info.path] = modules.size();
        modules.push_back(std::move(info));
    }
    // Children come after their parent in pre-order: sum bottom-up.
    for (auto it = modules.rbegin(); it != modules.rend(); ++it) {
        it->total_param_count += it->own_param_count;
        if (!it->path.empty())
            modules[indexOf.at(it->parent)].total_param_count += it->total_param_count;
    }
    return modules;
}

} // namespace prunescope::detail
