// SPDX-License-Identifier: MIT
#pragma once
// What `prunescope-cli analyze --rules strict` prints: the strict pruning groups, the ops
// that block channels, then every difference from NNI v2.9's sets with its reason.
#include "prunescope/pruning_groups.h"

#include <ostream>

namespace prunescope::cli {

void printStrictGroups(std::ostream& out, const OpGraph& graph, const StrictGroups& groups,
    const std::vector<RulesDifference>& differences, bool all);

std::string unitRanges(const std::vector<int64_t>& sorted); // 0-3,7,9-10

} // namespace prunescope::cli
