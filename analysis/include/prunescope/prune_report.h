// SPDX-License-Identifier: MIT
#pragma once
// What pruning from masks reports beyond the pruner's own result: how the masks were
// fixed, and the FLOPs tables of the model before and after, per layer. The `prune`
// command's --json report and the worker's "model.prune" reply are this (JSON in
// prune_json.h), so that the app reads back what the CLI writes.
#include "prunescope/flops.h"
#include "prunescope/pruner.h"

#include <optional>
#include <string>
#include <vector>

namespace prunescope {

struct PruneMasksInfo {
    std::string input; // the mask file
    std::string strategy; // as Strategy::toString writes it
    std::string rules = "strict";
    size_t conflicts = 0; // groups whose masks disagreed or broke a rule
    std::vector<std::string> notices; // the fixer's
    std::string fixed; // where the masks applied were written ("" when not)
};

// The FLOPs of the original and of the pruned file, in one mode, without masks: the
// pruned model's own counts, layer by layer.
struct PruneFlops {
    FlopsResult before;
    FlopsResult after;
};

struct PruneReport {
    PruneResult result;
    std::optional<PruneMasksInfo> masks; // absent when a plan was applied
    std::optional<PruneFlops> flops; // the worker's; the CLI prints no per-layer table
};

} // namespace prunescope
