// SPDX-License-Identifier: MIT
#pragma once
// One pass over the forward pass in program order: each op through its rule.
#include "flow_state.h"

namespace prunescope::strict {

void walkGraph(FlowState& state);

} // namespace prunescope::strict
