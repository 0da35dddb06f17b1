// SPDX-License-Identifier: MIT
#pragma once
// Turns libtorch's failures into messages a person can act on: what the file is, what
// went wrong, and what to do (how to export TorchScript, which input shape to pass).
#include <string>
#include <vector>

namespace prunescope::detail {

// Checks the file exists, is a regular readable file and looks like a zip archive;
// throws Error(BadModel) otherwise.
void checkModelFile(const std::string& path);

// Called when torch::jit::load failed: looks into the archive to say why, then throws
// Error(BadModel).
[[noreturn]] void throwNotTorchScript(const std::string& path, const std::string& torchMessage);

// The one line of a libtorch/interpreter message that says what went wrong, without
// C++ backtraces or TorchScript tracebacks.
std::string coreMessage(const std::string& torchMessage);

// Why a run on meta tensors failed, in a few words ("reads a tensor's value", "aten::x
// has no meta kernel"); falls back to coreMessage.
std::string metaFailureSummary(const std::string& torchMessage);

} // namespace prunescope::detail
