// SPDX-License-Identifier: MIT
#pragma once
// How `prunescope-cli flops` shows its results: a table like NNI's, totals, warnings.
#include "prunescope/flops.h"

#include <ostream>
#include <string>

namespace prunescope::cli {

void printFlopsTable(std::ostream& out, const FlopsResult& result);
void warnUncounted(std::ostream& err, const FlopsResult& result);
std::string flopsCsv(const FlopsResult& result);

} // namespace prunescope::cli
