// SPDX-License-Identifier: MIT
#pragma once
// The readable summary `prunescope-cli analyze` prints.
#include "prunescope/report.h"

#include <ostream>

namespace prunescope::cli {

struct SummaryOptions {
    bool listSingletons = false;
    bool timings = false;
};

void printSummary(std::ostream& out, const Model& model, const AnalysisReport& report, const SummaryOptions& options);

std::string withThousands(int64_t value); // 11689512 -> "11,689,512"

// {"a", "b"} -> "a, b"
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

} // namespace prunescope::cli
