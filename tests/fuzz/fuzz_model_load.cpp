// SPDX-License-Identifier: MIT
// libFuzzer target: Model::load on a file holding the input, as the CLI opens a model:
// input 1,3,8,8, shapes on meta tensors only (cheap, whatever the model). Exercises the
// file checks, libtorch's TorchScript loader and our error translation, and for inputs
// that load, the inliner, the shape recorder and the graph builder. Error (bad_model,
// bad_input) is the expected way to refuse; anything else is a bug.
#include "prunescope/error.h"
#include "prunescope/model.h"
#include "scratch_file.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

using namespace prunescope;

using prunescope::fuzz::scratchFile;
using prunescope::fuzz::writeScratch;

// libtorch 1.13 leaks the zip reader's state (about 300 bytes, allocated inside
// libtorch_cpu) whenever PyTorchStreamReader's constructor throws on a damaged archive.
// That is libtorch's, not ours: LeakSanitizer ignores leaks allocated in libtorch.
extern "C" const char* __lsan_default_suppressions() { return "leak:libtorch_cpu.so\n"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const LoadOptions options = [] {
        LoadOptions o;
        o.inputs = parseInputSpecs("1,3,8,8");
        o.shape_mode = ShapeMode::Meta;
        return o;
    }();
    const std::string& path = scratchFile(".pt");
    writeScratch(path, data, size);
    try {
        (void)Model::load(path, options);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::BadModel && e.kind() != ErrorKind::BadInput) {
            std::fprintf(stderr, "Model::load threw %s: %s\n", errorKindName(e.kind()), e.what());
            std::abort();
        }
    }
    return 0;
}
