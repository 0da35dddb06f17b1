// SPDX-License-Identifier: MIT
#pragma once
#include "prunescope/masks.h"

#include <string>

namespace prunescope::cli {

// Reads a mask file (either format) and checks it fits the model; throws Error(BadInput).
MaskSet loadMasksFor(const std::string& path, const OpGraph& graph);

} // namespace prunescope::cli
