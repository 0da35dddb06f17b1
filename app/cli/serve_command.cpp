// SPDX-License-Identifier: MIT
// `serve`: the engine worker the GUI starts. Requests come as JSON lines on stdin, each
// response goes out as one JSON line on stdout (docs/protocol.md).
#include "commands.h"
#include "serve_loop.h"
#include "serve_session.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace prunescope::cli {

Command addServeCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand("serve",
        "Engine worker for the Prunescope app: JSON requests on stdin, JSON lines on stdout "
        "(protocol prunescope-serve/2, docs/protocol.md)");
    return { command, [] {
                ServeSession session;
                return runServeLoop(std::cin, std::cout, session);
            } };
}

} // namespace prunescope::cli
