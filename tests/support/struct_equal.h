// SPDX-License-Identifier: MIT
#pragma once
// Field-by-field equality of the engine's structs, for the JSON round-trip tests. Each
// returns an empty string when equal, else the path of the first difference.
#include "prunescope/report.h"

#include <string>

namespace prunescope::test {

std::string differs(const OpGraph& a, const OpGraph& b);
std::string differs(const AnalysisReport& a, const AnalysisReport& b); // timings compared as phase -> ms
std::string differs(const FlopsResult& a, const FlopsResult& b);
std::string differs(const ConflictReport& a, const ConflictReport& b);
std::string differs(const ReportDocument& a, const ReportDocument& b);

} // namespace prunescope::test
