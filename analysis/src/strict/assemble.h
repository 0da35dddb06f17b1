// SPDX-License-Identifier: MIT
#pragma once
#include "flow_state.h"

namespace prunescope::strict {

StrictGroups assembleGroups(FlowState& state);

} // namespace prunescope::strict
