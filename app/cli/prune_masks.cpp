#include "prune_masks.h"

#include "prunescope/error.h"

#include <algorithm>

namespace prunescope::cli {

void refuseEmptiedLayers(const MaskSet& masks, const std::string& path)
{
    for (const auto& [layer, mask] : masks) {
        const std::vector<bool> kept = mask.kept(0);
        if (!kept.empty() && std::find(kept.begin(), kept.end(), true) == kept.end())
            throw Error(ErrorKind::BadInput,
                path + ": the mask of " + layer + " prunes all of its " + std::to_string(kept.size())
                    + " filters, which would cut the model in two. Keep at least one filter of " + layer
                    + ", or leave the layer out of the masks.");
    }
}

PlannedMasks planFromMasks(const OpGraph&, const MaskSet&, const Strategy&, const std::string& path)
{
    // The strict pruning groups (issue 15) produce the plan; until they are merged, only
    // hand-written plans can be applied.
    throw Error(ErrorKind::Usage,
        path
            + ": pruning from masks needs the strict pruning groups, which this build does not have yet. "
              "Apply a pruning plan with --plan PLAN.json instead.");
}

} // namespace prunescope::cli
