// SPDX-License-Identifier: MIT
#pragma once
// Options every command that opens a model shares: the file, --input and --shape-mode.
#include "prunescope/model.h"

#include <string>

namespace CLI {
class App;
}

namespace prunescope::cli {

struct ModelOptions {
    std::string model;
    std::string input;
    std::string shapeMode = "auto";

    void addTo(CLI::App& command);
    LoadOptions loadOptions() const; // throws Error(Usage) for a bad --input
    Model open() const;
};

} // namespace prunescope::cli
