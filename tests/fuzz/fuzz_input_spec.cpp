// SPDX-License-Identifier: MIT
// libFuzzer target: parseInputSpecs on arbitrary text (the CLI's --input, the GUI's
// Input Shape dialog). A usage error is the expected way to refuse; anything else
// escaping, a sanitizer report, or a parse that does not survive its own round trip
// is a bug.
#include "prunescope/error.h"
#include "prunescope/input_spec.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace prunescope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<InputSpec> specs;
    try {
        specs = parseInputSpecs(text);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Usage) {
            std::fprintf(
                stderr, "parseInputSpecs threw %s, not a usage error: %s\n", errorKindName(e.kind()), e.what());
            std::abort();
        }
        return 0;
    }
    // Accepted: every tensor (also in a list, which is never empty nor nested) has sizes
    // >= 1, its bytes can be counted, and writing the specs back out reads back the same.
    std::string written;
    auto checkTensor = [](const InputSpec& tensor) {
        if (tensor.is_list || tensor.shape.empty())
            std::abort();
        for (int64_t d : tensor.shape)
            if (d < 1)
                std::abort();
    };
    for (const auto& spec : specs) {
        if (spec.is_list) {
            if (spec.elements.empty())
                std::abort();
            for (const auto& element : spec.elements)
                checkTensor(element);
        } else {
            checkTensor(spec);
        }
        (void)inputBytes(spec);
        written += (written.empty() ? "" : ";") + spec.toString();
    }
    if (parseInputSpecs(written) != specs) {
        std::fprintf(stderr, "round trip changed the specs: \"%s\" -> \"%s\"\n", text.c_str(), written.c_str());
        std::abort();
    }
    return 0;
}
