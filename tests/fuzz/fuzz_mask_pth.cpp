// SPDX-License-Identifier: MIT
// libFuzzer target: readMasks on a file made from the input. Exercises the format
// sniffing, libtorch's zip reader (PyTorchStreamReader), our own torch.save pickle reader
// (analysis/src/torch/torch_save_reader.cpp) and the JSON reader for '{' inputs.
//
// Two kinds of input:
// - anything but a pickle (a zip archive, JSON, garbage) is the file, byte for byte;
// - a pickle (first byte 0x80, PROTO, as data.pkl always starts) is wrapped into a valid
//   torch.save archive as its data.pkl, with tensor records data/0 .. data/7 of ones.
//   Mutations of a whole archive mostly hit its headers and offsets (a byte inserted
//   into data.pkl shifts everything after it), so without this the pickle reader would
//   rarely see a mutated pickle in a readable archive. (A legacy, non-zip torch.save
//   file also starts with 0x80; readMasks only sniffs and refuses those: nothing lost.)
// Error(BadInput) is the expected way to refuse; anything else is a bug.
#include "prunescope/error.h"
#include "prunescope/mask_io.h"
#include "scratch_file.h"

#include <caffe2/serialize/inline_container.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

using namespace prunescope;

using prunescope::fuzz::scratchFile;
using prunescope::fuzz::writeScratch;

namespace {

// data.pkl's tensors name their storage records by key ("0", "1", ...); 8 records of
// 1024 float ones (4 KiB each: enough bytes for small masks of any dtype).
void writeTorchSave(const std::string& path, const uint8_t* pickle, size_t size)
{
    static const std::vector<float> ones(1024, 1.0f);
    caffe2::serialize::PyTorchStreamWriter writer(path);
    writer.writeRecord("data.pkl", pickle, size);
    for (int key = 0; key < 8; ++key)
        writer.writeRecord("data/" + std::to_string(key), ones.data(), ones.size() * sizeof(float));
    writer.writeEndOfFile();
}

} // namespace

// libtorch 1.13 leaks the zip reader's state (about 300 bytes, allocated inside
// libtorch_cpu) whenever PyTorchStreamReader's constructor throws on a damaged archive.
// That is libtorch's, not ours: LeakSanitizer ignores leaks allocated in libtorch.
extern "C" const char* __lsan_default_suppressions() { return "leak:libtorch_cpu.so\n"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string& path = scratchFile(".pth");
    if (size > 0 && data[0] == 0x80)
        writeTorchSave(path, data, size);
    else
        writeScratch(path, data, size);
    try {
        (void)readMasks(path);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::BadInput) {
            std::fprintf(stderr, "readMasks threw %s, not bad_input: %s\n", errorKindName(e.kind()), e.what());
            std::abort();
        }
    }
    return 0;
}
