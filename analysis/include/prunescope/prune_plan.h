// SPDX-License-Identifier: MIT
#pragma once
// What physically pruning a model means once its masks are consistent under the strict
// pruning groups: which slices of which parameters and buffers survive, which constants
// of the forward pass change with them, and which tensors of the forward pass carry the
// removed channels. The strict-groups analysis produces a plan from groups and fixed
// masks; the pruner (libtorch) applies it to the TorchScript module and verifies the
// result by running the original with the `silenced` channels zeroed. Plain data: the
// plan is the contract between the two, so neither needs the other's internals.
#include <cstdint>
#include <string>
#include <vector>

namespace prunescope {

// One parameter or buffer to shrink along one dimension.
struct TensorSlice {
    std::string module; // module path owning the tensor, "" for the root ("layer1.0.conv1", "encoder")
    std::string name; // attribute name: "weight", "bias", "running_mean", "class_token", ...
    int dim = 0;
    std::vector<int64_t> kept; // indices kept along `dim`, ascending, at least one
    // For dim 1 of a grouped convolution's weight (shape [out, in/groups, ...]): the
    // conv's groups. `kept` then lists global input channels (0 .. in_channels-1), and
    // each group keeps the columns of its own kept channels; every group keeps as many.
    int64_t groups = 1;
};

// An argument constant of one op in the forward pass that must change with the slices
// (a depthwise conv's `groups`, one element of a constant view/reshape size).
struct ConstantEdit {
    std::string node; // OpGraph node unique name holding the op ("features.1.conv.0.0", "aten::view.2")
    std::string op; // the aten op inside that node ("aten::_convolution", "aten::view")
    std::string argument; // schema argument name ("groups", "size")
    int element = -1; // index within a list argument; -1 for a scalar argument
    int64_t value = 0; // the new value
    int occurrence = 0; // which of the node's ops of kind `op` (0: the first), for nodes holding several
};

// A tensor of the forward pass (an OpGraph value) that carries removed channels. The
// verification run of the original zeroes these indices along `dim` wherever the value
// is produced, so that no bias or BN shift revives a removed channel.
struct SilencedValue {
    int value = -1; // OpGraph value id
    int dim = 1;
    std::vector<int64_t> removed; // ascending
};

struct PrunePlan {
    std::vector<TensorSlice> slices;
    std::vector<ConstantEdit> edits;
    std::vector<SilencedValue> silenced;
    bool empty() const { return slices.empty() && edits.empty(); }
};

} // namespace prunescope
