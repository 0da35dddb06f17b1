#pragma once
// A scripted loop is one body in the graph, so what one iteration hands the next (RAFT's
// hidden state and flow, a recurrent cell's state) is no edge: the body's inputs are the
// values before the loop. A trace unrolls every iteration and has those edges. Peeling
// the first iteration off each loop that carries values gives the body inputs that come
// from a previous iteration, while the graph stays acyclic: the peeled copy runs once,
// the loop the remaining times.
#include "call_inliner.h"

namespace torch::jit {
struct Graph;
}

namespace prunescope::detail {

// Rewrites the inlined `graph`; the copied nodes belong to the same module calls as the
// originals, the trip-count arithmetic PeelLoop adds is marked synthetic.
void peelLoops(torch::jit::Graph& graph, CallTable& calls);

} // namespace prunescope::detail
