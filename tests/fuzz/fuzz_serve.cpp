// SPDX-License-Identifier: MIT
// libFuzzer target: the worker protocol (`prunescope-cli serve`), one request per line,
// on a session with the demo model open (a residual add, a grouped and a depthwise conv)
// and masks that conflict loaded afresh for every input. Every line must get
// answers that are JSON objects with an "id"; nothing may escape, crash or leak. Lines
// whose method would open a model (slow, and any file on the machine) are skipped;
// file names of masks.load/save/export, report.export and model.prune must be plain
// names in a scratch directory; model.prune runs once per input and measures no latency.
#include "serve_session.h"

#include "prunescope/json_parse.h"
#include "prunescope/mask_io.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace prunescope;
using nlohmann::json;

namespace {

void check(const json& message)
{
    const json back = json::parse(message.dump(-1, ' ', false, json::error_handler_t::replace));
    if (!back.is_object() || !back.contains("id")
        || !(back.contains("result") || back.contains("error") || back.contains("event"))) {
        std::fprintf(stderr, "malformed reply: %s\n", back.dump().c_str());
        std::abort();
    }
}

cli::ServeSession& session()
{
    static cli::ServeSession* s = [] {
        namespace fs = std::filesystem;
        const fs::path scratch = fs::temp_directory_path() / ("prunescope-fuzz-serve-" + std::to_string(getpid()));
        fs::create_directories(scratch);
        if (::chdir(scratch.c_str()) != 0)
            std::abort();
        const Model model = Model::load(PRUNESCOPE_DEMO_MODEL);
        // Every conv keeps alternate filters, starting at 0 or 1 in turn: tied layers disagree.
        MaskSet masks;
        int turn = 0;
        for (const auto& m : model.graph().modules)
            for (const auto& p : m.params)
                if (m.type == "Conv2d" && p.name == "weight") {
                    std::vector<bool> kept(static_cast<size_t>(p.shape[0]));
                    for (size_t c = 0; c < kept.size(); ++c)
                        kept[c] = (c + static_cast<size_t>(turn)) % 2 == 0;
                    masks[m.path] = LayerMask::keepChannels(p.shape, kept, false);
                    ++turn;
                }
        writeMasks("masks.json", masks, MaskFormat::Json);
        auto* created = new cli::ServeSession(check);
        const json open { { "id", 0 }, { "method", "open" }, { "params", { { "path", PRUNESCOPE_DEMO_MODEL } } } };
        created->handle(open);
        return created;
    }();
    return *s;
}

bool plainName(const json& params)
{
    const auto path = params.find("path");
    if (path == params.end() || !path->is_string())
        return true; // refused as a usage error, which is what is under test
    const std::string name = path->get<std::string>();
    return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    cli::ServeSession& s = session();
    s.handle(json { { "id", 1 }, { "method", "masks.load" }, { "params", { { "path", "masks.json" } } } });
    const std::string text(reinterpret_cast<const char*>(data), size);
    size_t start = 0;
    bool pruned = false; // one model.prune per input: each runs the model several times
    for (int lines = 0; start <= text.size() && lines < 16; ++lines) {
        const size_t end = std::min(text.find('\n', start), text.size());
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        json request;
        try {
            request = parseJson(line);
        } catch (const JsonError& e) {
            s.reject(nullptr, e.what());
            continue;
        }
        if (request.is_object() && request.contains("method") && request["method"].is_string()) {
            const std::string method = request["method"];
            json params = request.value("params", json::object());
            if (method == "open" || method == "session.restore" || method == "shutdown")
                continue;
            if ((method == "masks.load" || method == "masks.save" || method == "masks.export"
                    || method == "report.export" || method == "model.prune")
                && (!params.is_object() || !plainName(params)))
                continue;
            if (method == "model.prune") {
                if (pruned)
                    continue;
                pruned = true;
                // Pruning verifies on real tensors; timing forwards on top would only slow the run.
                if (params.is_object()) {
                    params["latency_runs"] = 0;
                    request["params"] = params;
                }
            }
        }
        s.handle(request);
    }
    return 0;
}
