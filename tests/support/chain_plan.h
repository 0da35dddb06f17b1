// SPDX-License-Identifier: MIT
#pragma once
// A pruning plan for the simplest groups, written without the strict-groups analysis so
// that the pruner can be tested and timed on real models: a conv whose output reaches
// only channel-wise layers (BatchNorm2d, ReLU, max pooling, depthwise convs) and then
// plain convs (the first two convs of every ResNet bottleneck, VGG's chain, MobileNetV2's
// expand conv through its depthwise conv). Removing its filters removes the same channels
// from those BNs, the depthwise convs' filters (their groups shrink with them) and the
// next convs' inputs, and nothing else.
#include "prunescope/op_graph.h"
#include "prunescope/prune_plan.h"

#include <map>
#include <string>
#include <vector>

namespace prunescope::test {

struct ChainPlan {
    PrunePlan plan;
    std::map<std::string, std::vector<int64_t>> kept; // conv (roots and depthwise) -> kept filters
};

// Removes `fraction` of the filters (the ones at positions i*step, spread over the
// layer) of every conv that forms such a chain; other convs are left alone.
ChainPlan chainPlan(const OpGraph& graph, double fraction);

} // namespace prunescope::test
