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

} // namespace

std::vector<ModuleInfo> readModuleTree(const torch::jit::Module& root)
{
    std::vector<ModuleInfo> modules;
    std::unordered_map<std::string, size_t> indexOf;
    for (const auto& entry : root.named_modules()) {
        ModuleInfo info;
        info.path = entry.name;
        info.qualified_type = qualifiedTypeName(entry.value);
        info.type = shortTypeName(info.qualified_type);
        const auto dot = info.path.rfind('.');
        info.parent = dot == std::string::npos ? std::string() : info.path.substr(0, dot);
        for (const auto& child : entry.value.named_children())
            info.children.push_back(info.path.empty() ? child.name : info.path + "." + child.name);
        info.leaf = info.children.empty();
        for (const auto& p : entry.value.named_parameters(false)) {
            info.params.push_back(param(p.name, p.value, false));
            info.own_param_count += info.params.back().numel();
        }
        for (const auto& b : entry.value.named_buffers(false))
            info.params.push_back(param(b.name, b.value, true));
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
