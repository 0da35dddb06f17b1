#pragma once
// The graph walks NNI's dependency classes share: breadth-first searches that stop at
// the first layer of interest, and the rule that decides whether a reshape-like op
// breaks a channel dependency.
#include "prunescope/op_graph.h"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace prunescope {

extern const std::set<std::string> kElementwiseOps; // NNI's ADD_MUL_LOGICAL_TYPES
extern const std::set<std::string> kReshapeOps; // NNI's RESHAPE_OPS (cat included)
extern const std::set<std::string> kFilterLayerTypes; // Conv2d, Linear, ConvTranspose2d

// NNI's reshape_break_channel_dependency.
bool breaksChannelDependency(const OpNode& node);

enum class Direction { Up, Down };

// Breadth-first from `starts`, visiting each node once. `stopAt(node)` returns true when
// the walk must not continue past that node; `collect(node)` whether it is a result.
// Results come in the order they are reached. NNI's own walks keep no visited set, so
// they revisit nodes (and never end on some models); the set of nodes they reach is
// the same, since whether a node stops the walk depends on the node alone.
std::vector<int> searchGraph(const OpGraph& graph, const std::vector<int>& starts, Direction direction,
    const std::function<bool(const OpNode&)>& collect, const std::function<bool(const OpNode&)>& stopAt,
    std::vector<int>* parentOf = nullptr);

// Union of name sets, then listed as NNI's dependency_sets lists them: one set per
// prunable node in nodes_op order, skipping nodes already listed.
class LayerSetBuilder {
public:
    void join(const std::vector<std::string>& names);
    std::vector<std::vector<std::string>> sets(const OpGraph& graph, const std::set<std::string>& layerTypes) const;
    std::string root(const std::string& name) const;

private:
    mutable std::map<std::string, std::string> m_parent;
};

} // namespace prunescope
