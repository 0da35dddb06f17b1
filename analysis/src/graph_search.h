// SPDX-License-Identifier: MIT
#pragma once
// The graph walks NNI's dependency classes share: the rule that decides whether a
// reshape-like op breaks a channel dependency, and the search for the nearest layers
// above or below some nodes, for every search of an analysis at once.
#include "graph_index.h"

#include <set>
#include <string>
#include <vector>

namespace prunescope {

extern const std::set<std::string> kElementwiseOps; // NNI's ADD_MUL_LOGICAL_TYPES
extern const std::set<std::string> kReshapeOps; // NNI's RESHAPE_OPS (cat included)
extern const std::set<std::string> kFilterLayerTypes; // Conv2d, Linear, ConvTranspose2d

// NNI's reshape_break_channel_dependency.
bool breaksChannelDependency(const OpNode& node);

// NNI's _get_parent_layers / _get_following_convs: from some nodes, breadth-first in one
// direction, the layers met first; a layer or a node that `stops` ends the walk there.
// NNI's walks keep no visited set, so they revisit nodes (and never end on some models);
// which nodes they reach does not depend on that, so the answers are the same.
//
// What a search from v reaches is {v} for a layer, nothing past a stopping node, else
// the union over v's neighbours. One pass over the graph records, per node, whether that
// is no layer, one (which) or several; joining what a search reaches then walks only
// nodes no earlier join walked, so an analysis' searches together cost what the graph
// has edges, instead of a walk of the graph per search. Graphs whose node order is not
// topological (GraphIndex::topological) are searched one walk at a time instead.
class NearestLayers {
public:
    // isLayer/stops: per node id; a layer always stops the walk.
    NearestLayers(const GraphIndex& index, Direction direction, std::vector<char> isLayer, std::vector<char> stops);

    // How many distinct layer nodes the search from `starts` reaches: 0, 1, or 2 for
    // two or more.
    int count(const std::vector<int>& starts);
    // Unites (by name, in `layers`) every layer the search from `starts` reaches, and
    // returns one of their nodes, or -1 when it reaches none.
    int join(const std::vector<int>& starts, LayerUnion& layers);

private:
    enum Reach : char { None, One, Several };
    void walk(const std::vector<int>& starts); // the one-walk-per-search fallback, into m_found
    void take(int layerNode, int& representative, LayerUnion& layers) const;

    const GraphIndex& m_index;
    Direction m_direction;
    std::vector<char> m_isLayer, m_stops;
    std::vector<Reach> m_reach;
    std::vector<int> m_one; // the layer, for nodes that reach one
    std::vector<int> m_joined; // for nodes that reach several: a node of their joined layers
    std::vector<unsigned> m_mark;
    unsigned m_stamp = 0;
    std::vector<int> m_stack, m_expanded, m_found;
    GraphWalker m_walker;
};

// NNI's dependency_sets listing: one set per layer node of `layerType` in nniOrder,
// skipping names already listed, members in the order they are met. `roots`, if given,
// gets each set's number in `layers`.
std::vector<std::vector<std::string>> listSets(
    const GraphIndex& index, const std::vector<char>& layerType, LayerUnion& layers, std::vector<int>* roots = nullptr);

} // namespace prunescope
