// SPDX-License-Identifier: MIT
#include "mask_input.h"

#include "prunescope/mask_io.h"

namespace prunescope::cli {

MaskSet loadMasksFor(const std::string& path, const OpGraph& graph)
{
    MaskSet masks = readMasks(path);
    validateMasks(masks, graph, path);
    return masks;
}

} // namespace prunescope::cli
