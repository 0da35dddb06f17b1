// SPDX-License-Identifier: MIT
#pragma once
// Each subcommand of prunescope-cli registers its options and its action; main.cpp runs
// the chosen action and turns engine errors into exit codes.
#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace prunescope::cli {

enum ExitCode {
    kExitOk = 0,
    kExitInternal = 1,
    kExitUsage = 2,
    kExitBadInput = 3, // bad model file, bad input shape for the model, bad mask file, a failed write
    kExitCancelled = 130,
};

struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

// True when b exists and is the file a names (by another path or a link): a command
// refuses to write its output over one of its inputs.
bool sameFile(const std::string& a, const std::string& b);

Command addAnalyzeCommand(CLI::App& parent);
Command addFlopsCommand(CLI::App& parent);
Command addMasksCommand(CLI::App& parent);
Command addFixMasksCommand(CLI::App& parent);
Command addPruneCommand(CLI::App& parent);
Command addServeCommand(CLI::App& parent);

} // namespace prunescope::cli
