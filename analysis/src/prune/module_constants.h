// SPDX-License-Identifier: MIT
#pragma once
// The class constants of torch.nn layers that restate a channel count, recomputed from a
// module's (sliced) tensors and the code it runs.
#include "torch_pch.h"

#include <map>
#include <string>

namespace prunescope::detail {

// Only the constants the module's class has and whose value changed: in_channels,
// out_channels, groups (convs; groups as the code passes it to the conv op), in_features,
// out_features (Linear), num_features (BatchNorm, InstanceNorm), num_channels
// (GroupNorm), normalized_shape (LayerNorm), num_embeddings, embedding_dim (Embedding).
std::map<std::string, c10::IValue> changedChannelConstants(const torch::jit::Module& module);

} // namespace prunescope::detail
