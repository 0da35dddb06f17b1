// SPDX-License-Identifier: MIT
// libFuzzer target: masksFromJson on arbitrary text (Prunescope's JSON mask files).
// Error(BadInput) is the expected way to refuse; anything else escaping (nlohmann's own
// exceptions, std::bad_alloc), a sanitizer report, or masks that do not survive a
// write and re-read is a bug.
#include "prunescope/error.h"
#include "prunescope/mask_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace prunescope;

namespace {

// A layer of 1M to 256M elements is valid (the engine's limit is 2^28) and takes seconds
// under ASan, since masks are dense: a 50-byte input announcing one would take the
// fuzzer's time (176 exec/s instead of thousands). Those are left out; larger shapes
// are refused cheaply by the engine and stay in, as does everything else.
bool announcesHugeValidLayer(const std::string& text)
{
    const auto root = nlohmann::json::parse(text, nullptr, false);
    if (root.is_discarded() || !root.is_object())
        return false;
    for (const auto& entry : root) {
        if (!entry.is_object() || !entry.contains("shape") || !entry["shape"].is_array())
            continue;
        double total = 1;
        for (const auto& d : entry["shape"])
            if (d.is_number())
                total *= std::max(1.0, d.get<double>());
        if (total > double(1 << 20) && total <= double(int64_t(1) << 28))
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (announcesHugeValidLayer(text))
        return 0;
    MaskSet masks;
    try {
        masks = masksFromJson(text, "fuzz.json");
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::BadInput) {
            std::fprintf(stderr, "masksFromJson threw %s, not bad_input: %s\n", errorKindName(e.kind()), e.what());
            std::abort();
        }
        return 0;
    }
    // Accepted masks are written as the GUI and fix-masks write them; they must read back.
    // Not for huge layers: a short file may announce 1e8 channels, whose index list is
    // gigabytes of JSON (real, but beyond the fuzzer's memory and time per input).
    size_t elements = 0;
    for (const auto& entry : masks)
        elements += entry.second.weight.size();
    if (elements > (size_t(1) << 20))
        return 0;
    const std::string written = masksToJson(masks);
    if (masksFromJson(written, "fuzz-rewritten.json") != masks) {
        std::fprintf(stderr, "masks changed on a write and re-read:\n%s", written.c_str());
        std::abort();
    }
    return 0;
}
