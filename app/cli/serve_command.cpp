// `serve`: the engine worker the GUI starts. Requests come as JSON lines on stdin, each
// response goes out as one JSON line on stdout (protocol in serve_session.h).
#include "commands.h"
#include "serve_session.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <string>

namespace prunescope::cli {

namespace {

int runServe()
{
    ServeSession session([](const nlohmann::json& message) {
        // Invalid UTF-8 (a path or layer name from a foreign file system) is replaced
        // rather than failing the whole response.
        const std::string line = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        // One flush per line: the GUI reads progress as it comes.
        std::cout << line << '\n' << std::flush;
    });
    std::string line;
    while (std::getline(std::cin, line))
        if (!session.handleLine(line))
            break;
    return kExitOk; // end of input or "shutdown"
}

} // namespace

Command addServeCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand("serve",
        "Engine worker for the Prunescope app: JSON requests on stdin, JSON lines on stdout "
        "(protocol prunescope-serve/1)");
    return { command, [] { return runServe(); } };
}

} // namespace prunescope::cli
