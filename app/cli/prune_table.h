// SPDX-License-Identifier: MIT
#pragma once
#include "prunescope/pruner.h"

#include <iosfwd>

namespace prunescope::cli {

// The verification line, the before/after table and the phase times.
void printPruneResult(std::ostream& out, const PruneResult& result);

} // namespace prunescope::cli
