// SPDX-License-Identifier: MIT
// prunescope-cli: the command-line twin of the Prunescope app.
#include "commands.h"

#include "prunescope/crash_context.h"
#include "prunescope/error.h"
#include "prunescope/version.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstring>
#include <iostream>
#include <unistd.h>
#include <vector>

using namespace prunescope;

namespace {

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Usage: return cli::kExitUsage;
    case ErrorKind::BadModel:
    case ErrorKind::BadInput:
    case ErrorKind::Io: return cli::kExitBadInput;
    case ErrorKind::Cancelled: return cli::kExitCancelled;
    case ErrorKind::Internal: break;
    }
    return cli::kExitInternal;
}

// libtorch can crash on a damaged file; while the engine says it is reading one, a
// crash becomes the usual one-line error and exit code 3. Elsewhere the signal keeps its
// default action, so that our own bugs still crash loudly.
void onFatalSignal(int signal)
{
    const char* context = crashContext();
    if (!context) {
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    const char prefix[] = "prunescope-cli: error: ";
    [[maybe_unused]] auto a = ::write(2, prefix, sizeof prefix - 1);
    [[maybe_unused]] auto b = ::write(2, context, std::strlen(context));
    [[maybe_unused]] auto c = ::write(2, "\n", 1);
    ::_exit(cli::kExitBadInput);
}

} // namespace

int main(int argc, char** argv)
{
    for (int signal : { SIGSEGV, SIGBUS, SIGFPE, SIGILL })
        std::signal(signal, onFatalSignal);
    CLI::App app {
        "Prunescope: see what makes structured pruning of a TorchScript model safe or unsafe "
        "(channel dependencies, layers not safe to prune, FLOPs and parameters, mask conflicts).\n"
        "Exit codes: 0 ok, 2 usage error, 3 bad model, input or mask file, or a file that cannot be written.",
        "prunescope-cli"
    };
    app.set_version_flag("--version", std::string("prunescope-cli ") + kVersion);
    app.require_subcommand(1);
    const std::vector<cli::Command> commands { cli::addAnalyzeCommand(app), cli::addFlopsCommand(app),
        cli::addMasksCommand(app), cli::addFixMasksCommand(app), cli::addPruneCommand(app), cli::addServeCommand(app) };
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? cli::kExitOk : cli::kExitUsage;
    }
    try {
        for (const auto& command : commands)
            if (command.app->parsed())
                return command.run();
        return cli::kExitUsage;
    } catch (const Error& e) {
        std::cerr << "prunescope-cli: error: " << e.what() << "\n";
        return exitCodeFor(e.kind());
    } catch (const std::exception& e) {
        std::cerr << "prunescope-cli: internal error (please report it): " << e.what() << "\n";
        return cli::kExitInternal;
    }
}
