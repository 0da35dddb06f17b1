// libFuzzer target: masksFromJson on arbitrary text (Prunescope's JSON mask files).
// Error(BadInput) is the expected way to refuse; anything else escaping (nlohmann's own
// exceptions, std::bad_alloc), a sanitizer report, or masks that do not survive a
// write and re-read is a bug.
#include "prunescope/error.h"
#include "prunescope/mask_io.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace prunescope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
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
    if (elements > (size_t(1) << 22))
        return 0;
    const std::string written = masksToJson(masks);
    if (masksFromJson(written, "fuzz-rewritten.json") != masks) {
        std::fprintf(stderr, "masks changed on a write and re-read:\n%s", written.c_str());
        std::abort();
    }
    return 0;
}
