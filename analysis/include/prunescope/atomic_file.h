// SPDX-License-Identifier: MIT
#pragma once
// Every file the engine writes goes through here: written to a temporary file beside
// the target, flushed, then renamed over it (and the directory synced), so a crash or a
// full disk never leaves a half-written report or mask file behind.
#include <string>

namespace prunescope {

// Throws Error(Io) naming the path when the file cannot be written. Temporary files that
// killed saves of the same target left behind are removed first.
void writeFileAtomically(const std::string& path, const std::string& content);

} // namespace prunescope
