// SPDX-License-Identifier: MIT
#pragma once
// Reads files written by Python's torch.save (zip format, pickle protocol 2): the
// subset of pickle that tensors, dicts, lists, tuples and scalars need. libtorch 1.13's
// own unpickler cannot read them all: it lacks SETITEM, which Python emits for every
// dict of one entry (a mask file for one layer, say).
#include "torch_pch.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace prunescope::detail {

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

struct PickleValue {
    enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Tensor, Global, Storage, Object };
    Kind kind = Kind::None;
    int64_t integer = 0; // Bool, Int
    double number = 0.0;
    std::string text; // String; Global: "module.name"; Storage: record key
    std::vector<PickleRef> items; // Tuple, List; Object: (callable, args)
    std::vector<std::pair<PickleRef, PickleRef>> entries; // Dict
    at::Tensor tensor;
    at::ScalarType dtype = at::kFloat; // Storage

    std::string describe() const; // "dict", "tensor", "collections.OrderedDict object", ...
};

// Throws std::runtime_error saying what is wrong with the file.
PickleRef readTorchSave(const std::string& path);

} // namespace prunescope::detail
