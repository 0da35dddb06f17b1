// SPDX-License-Identifier: MIT
#pragma once
// How long-running engine calls report progress and learn they should stop,
// without the engine knowing who listens (CLI, worker process, tests).
#include <functional>
#include <string>

namespace prunescope {

struct Progress {
    // stage: short machine-readable phase name ("load", "inline", "shapes", ...);
    // fraction: 0..1 over the whole call.
    std::function<void(const std::string& stage, double fraction)> report;
    std::function<bool()> cancelled;

    void step(const std::string& stage, double fraction) const
    {
        if (report)
            report(stage, fraction);
    }
    void throwIfCancelled() const; // throws Error(Cancelled)
};

} // namespace prunescope
