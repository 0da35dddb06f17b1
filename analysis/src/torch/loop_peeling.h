// SPDX-License-Identifier: MIT
#pragma once
// A scripted loop is one body in the graph, so what one iteration hands the next (RAFT's
// hidden state and flow, a recurrent cell's state) is no edge: the body's inputs are the
// values before the loop. A trace unrolls every iteration and has those edges. Peeling
// the first iteration off each loop that carries values gives the body inputs that come
// from a previous iteration, while the graph stays acyclic: the peeled copy runs once,
// the loop the remaining times. Where the iterations differ in shape, all of them are
// peeled off (the model runs a second time on that graph).
#include "call_inliner.h"

namespace torch::jit {
struct Graph;
}

namespace prunescope::detail {

class ShapeRecorder;

// Rewrites the inlined `graph`: loop k (in pre-order) loses its first peels[k] iterations
// (1 where peels is shorter), each a copy whose module calls are new calls of the same
// modules; the trip-count arithmetic PeelLoop adds is marked synthetic. Returns the
// loops that remain, by the same k.
std::vector<torch::jit::Node*> peelLoops(
    torch::jit::Graph& graph, CallTable& calls, const std::vector<int>& peels = {});

// After a run: the peels that give every iteration of its own shapes a copy of its own
// (an FPN's loop over levels, its RPN head called per level), so that each is counted
// with its shapes. Loops whose iterations share their shapes, loops inside other loops
// and loops of more than kMaxUnrolled iterations keep what they had, as do loops the run
// did not get past (a meta run that stopped inside one: its iterations are not all
// known). Empty when nothing is to unroll.
constexpr int kMaxUnrolled = 64;
std::vector<int> unrollPlan(
    const std::vector<torch::jit::Node*>& loops, const ShapeRecorder& recorder, std::vector<int> peels);

} // namespace prunescope::detail
