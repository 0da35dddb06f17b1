// SPDX-License-Identifier: MIT
#pragma once
// Reads a TorchScript archive into a module, as torch::jit::load does, minus the one
// step of load that none of our models need and that is most of its time on big ones.
//
// After unpickling, load runs a subgraph rewriter over every method of every module,
// to update calls of an old quantized-conv schema, and the rewriter parses its pattern
// graphs again for each method: on a net of 1,500 residual blocks (9,000 modules),
// leaving it out (and the debug records) halves the load (bench/README.md). This reader
// runs the rest of load's steps itself: the constants, the module object, the sources
// compiled as the unpickler meets their types. It hands the file to torch::jit::load
// whenever the rewrite or another part of load could matter: an archive whose code
// mentions quantization at all, a legacy (model.json) archive, or any failure, so that
// errors stay libtorch's own and load_errors.cpp can explain them as before.
#include <string>

namespace torch::jit {
struct Module;
} // namespace torch::jit

namespace prunescope::detail {

// Throws what torch::jit::load throws. readItself, if given, says whether this reader
// read the file (false: torch::jit::load did).
torch::jit::Module readTorchScript(const std::string& path, bool* readItself = nullptr);

} // namespace prunescope::detail
