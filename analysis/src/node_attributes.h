// SPDX-License-Identifier: MIT
#pragma once
// Fills in what the analyses and the properties panel need to know about each node
// (channels, groups, kernel, cat dim...) from its recorded ops and its module's
// parameters, and links each leaf module to its calls.
#include "prunescope/op_graph.h"

namespace prunescope {

void attachCallsAndAttributes(OpGraph& graph);

} // namespace prunescope
