// SPDX-License-Identifier: MIT
#include "module_constants.h"

namespace prunescope::detail {

namespace {

at::Tensor tensorAttr(const torch::jit::Module& module, const char* name)
{
    if (!module.hasattr(name))
        return {};
    const c10::IValue value = module.attr(name);
    return value.isTensor() ? value.toTensor() : at::Tensor();
}

// The groups a conv's code passes to its conv op (after any edit), or -1.
int64_t groupsInCode(const torch::jit::Block* block)
{
    for (const torch::jit::Node* node : block->nodes()) {
        for (const torch::jit::Block* sub : node->blocks())
            if (const int64_t groups = groupsInCode(sub); groups > 0)
                return groups;
        const std::string kind = node->kind().toQualString();
        if (kind.rfind("aten::conv", 0) != 0 && kind != "aten::_convolution")
            continue;
        if (const auto* schema = node->maybeSchema())
            for (size_t i = 0; i < schema->arguments().size(); ++i)
                if (schema->arguments()[i].name() == "groups")
                    if (auto value = torch::jit::toIValue(node->input(i)); value && value->isInt())
                        return value->toInt();
    }
    return -1;
}

} // namespace

std::map<std::string, c10::IValue> changedChannelConstants(const torch::jit::Module& module)
{
    const auto& type = module.type();
    std::map<std::string, c10::IValue> wanted;
    const std::string name = type->name() ? type->name()->name() : "";
    const at::Tensor weight = tensorAttr(module, "weight");
    if (name.rfind("Conv", 0) == 0 && weight.defined() && weight.dim() > 2) {
        int64_t groups = -1;
        for (torch::jit::Function* method : type->methods())
            if (groups < 0)
                groups = groupsInCode(torch::jit::toGraphFunction(*method).graph()->block());
        if (groups > 0) {
            const bool transposed = name.find("Transpose") != std::string::npos;
            wanted["groups"] = groups;
            wanted["in_channels"] = transposed ? weight.size(0) : weight.size(1) * groups;
            wanted["out_channels"] = transposed ? weight.size(1) * groups : weight.size(0);
        }
    } else if (name == "Linear" && weight.defined() && weight.dim() == 2) {
        wanted["in_features"] = weight.size(1);
        wanted["out_features"] = weight.size(0);
    } else if (name.find("BatchNorm") != std::string::npos || name.find("InstanceNorm") != std::string::npos) {
        const at::Tensor mean = tensorAttr(module, "running_mean");
        const at::Tensor& any = weight.defined() ? weight : mean;
        if (any.defined() && any.dim() == 1)
            wanted["num_features"] = any.size(0);
    } else if (name == "GroupNorm" && weight.defined()) {
        wanted["num_channels"] = weight.size(0);
    } else if (name == "LayerNorm" && weight.defined()) {
        wanted["normalized_shape"]
            = c10::ivalue::Tuple::create(std::vector<c10::IValue>(weight.sizes().begin(), weight.sizes().end()));
    } else if (name == "Embedding" && weight.defined() && weight.dim() == 2) {
        wanted["num_embeddings"] = weight.size(0);
        wanted["embedding_dim"] = weight.size(1);
    }
    std::map<std::string, c10::IValue> changed;
    for (auto& [constant, value] : wanted)
        if (type->hasConstant(constant) && type->getConstant(constant) != value)
            changed[constant] = value;
    return changed;
}

} // namespace prunescope::detail
