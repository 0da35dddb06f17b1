// SPDX-License-Identifier: MIT
#pragma once
// The analyses on an indexed graph (dependency.h gives them on a plain OpGraph).
#include "graph_index.h"
#include "prunescope/dependency.h"

namespace prunescope::detail {

ChannelDependencyResult channelDependency(const GraphIndex& index, PruneType type);
LayerSets inputChannelDependency(const GraphIndex& index);
std::vector<GroupDependency> groupDependency(const GraphIndex& index);
std::vector<UnsafeLayer> notSafeToPrune(const GraphIndex& index);

} // namespace prunescope::detail
