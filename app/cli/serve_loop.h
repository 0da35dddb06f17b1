// SPDX-License-Identifier: MIT
#pragma once
// The worker's I/O (`prunescope-cli serve`): one thread reads requests off stdin as they
// come while the calling thread handles them, in order. "cancel" is answered by the
// reader at once, so that a long request can be stopped while it runs (its Progress sees
// the flag between phases); a request still waiting is dropped with a "cancelled" error.
// Every line written goes through one lock.
#include <istream>
#include <ostream>

namespace prunescope::cli {

class ServeSession;

// Returns the exit code: 0 at the end of input or after "shutdown".
int runServeLoop(std::istream& in, std::ostream& out, ServeSession& session);

} // namespace prunescope::cli
