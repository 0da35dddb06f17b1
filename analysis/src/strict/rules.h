// SPDX-License-Identifier: MIT
#pragma once
// The op rules, one file per family; each adds its rules to the table by op kind.
// Scalar rules (ops on ints and 0-dim tensors, e.g. sizes) are keyed "scalar:<kind>".
#include "flow_state.h"

#include <unordered_map>

namespace prunescope::strict {

using RuleTable = std::unordered_map<std::string, Rule>;

void addElementwiseRules(RuleTable& table);
void addLayerRules(RuleTable& table);
void addShapeRules(RuleTable& table);
void addPieceRules(RuleTable& table);
void addReduceRules(RuleTable& table);
void addScalarRules(RuleTable& table);

// A reshape of `x` into `outShape`, each output dim's size given by `sizes` (the
// argument's elements; empty: every size follows the input, as flatten's do).
struct SizeElement {
    enum class Kind { Constant, Infer, Derived, Plain, Opaque };
    Kind kind = Kind::Infer;
    int64_t value = 0;
    std::vector<int> reads; // Derived: the carrying spaces read
};
std::vector<SizeElement> sizeElements(Op& op, const OpArgument& sizes);
void reshapeTo(
    Op& op, const Dims& x, const Shape& outShape, const std::vector<SizeElement>& sizes, const std::string& argument);
bool sameChannels(FlowState& s, int a, int b); // index for index in the same components
// Each read of `e` must end up the same channels as `target` (checked after the walk).
void requireFollows(Op& op, const SizeElement& e, int target, const std::string& what);
void addEdit(Op& op, EditSite::Kind kind, const std::string& argument, int element, int64_t oldValue, int space,
    int64_t start = 0);

} // namespace prunescope::strict
