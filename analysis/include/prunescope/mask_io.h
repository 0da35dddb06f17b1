// SPDX-License-Identifier: MIT
#pragma once
// Mask files: NNI's format (a torch.save'd dict {layer: {"weight": Tensor, "bias":
// Tensor or None}}, values 0/1) and a readable JSON form for people and diffs:
//   {"layer": {"shape": [64, 3, 7, 7], "kept_output_channels": [0, 2, ...],
//              "kept_input_channels": [...]?, "bias": true, "weight": [0, 1, ...]?}}
// ("weight" only for masks that are not whole channels). Writes are atomic.
#include "prunescope/masks.h"

#include <string>

namespace prunescope {

enum class MaskFormat { Nni, Json };

MaskFormat maskFormatForPath(const std::string& path); // by extension: .json -> Json, else Nni

// Reads either format (told apart by content). Throws Error(BadInput) naming the file,
// the layer and the problem (not a mask dict, empty, values other than 0/1, NaN, ...).
MaskSet readMasks(const std::string& path);
void writeMasks(const std::string& path, const MaskSet& masks, MaskFormat format);

std::string masksToJson(const MaskSet& masks);
MaskSet masksFromJson(const std::string& text, const std::string& path);

// Checks masks against a model: every layer exists and has a weight of the mask's
// shape. Throws Error(BadInput) naming the file and the layer.
void validateMasks(const MaskSet& masks, const OpGraph& graph, const std::string& path);

} // namespace prunescope
