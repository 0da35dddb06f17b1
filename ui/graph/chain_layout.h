// SPDX-License-Identifier: MIT
#pragma once
// dot's answer for a plain chain, without dot: a box whose units follow one another
// (the 1,500 blocks of a deep residual net in their Sequential) is a column of centred
// units with straight edges. dot needs ~0.1 s per thousand nodes for the same picture.
#include "graph/graphviz_layout.h"

namespace prunescope::ui {

// One path through every node, each edge from one node to the next, nothing else.
bool isChain(const LayoutInput& input);
// The chain stacked along the layout's direction; call only when isChain().
LayoutResult layoutChain(const LayoutInput& input);

} // namespace prunescope::ui
