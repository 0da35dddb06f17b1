// SPDX-License-Identifier: MIT
#pragma once
// Everything the op rules read and write while the strict analysis walks the forward pass
// once: the channel spaces of every tensor (graph values, values inside a module call,
// parameters), the parameters' members, the size reads ints come from, and what the rules
// record for the groups (fixed channels, constraints, constants to edit, notes).
#include "index_flow.h"
#include "prunescope/op_graph.h"
#include "prunescope/pruning_groups.h"

#include <map>
#include <tuple>
#include <unordered_map>

namespace prunescope::strict {

using Dims = std::vector<int>; // one space per tensor dimension

struct Member {
    std::string parameter; // "layer1.0.conv1.weight"
    int dim = 0;
    int64_t groups = 1;
    MemberRole role = MemberRole::PerChannel;
    int space = -1;
};

struct Reason {
    enum class Kind { ModelInput, ModelOutput, Blocked, ConstantShape };
    Kind kind = Kind::Blocked;
    std::string text;
    int node = -1;
    std::string op;
};

struct FixRecord {
    int space = -1;
    int64_t index = -1; // -1: every index of the space
    int reason = -1;
};

struct NoteRecord {
    int space = -1;
    std::string text;
};

struct RawConstraint {
    GroupConstraint::Kind kind = GroupConstraint::Kind::EqualPerBlock;
    int node = -1;
    std::string reason;
    std::vector<std::vector<int>> blocks; // element ids
    int64_t divisor = 1;
};

// A size read from `read` decides the length of `target`: fine when, once every op has
// been seen, both are the same channels (a residual stream read before its add).
struct SizeCheck {
    int read = -1;
    int target = -1;
    int reason = -1;
};

struct RawEdit {
    EditSite site; // without owners
    int space = -1;
};

// The sizes an int was computed from: the spaces whose length it read.
struct Provenance {
    std::vector<int> spaces;
    bool opaque = false; // computed from tensor data (or from something we do not follow)
    void add(const Provenance& other);
};

struct FlowState {
    explicit FlowState(const OpGraph& g);

    const OpGraph& graph;
    IndexFlow flow;
    std::vector<Dims> values; // by value id; empty until known
    std::vector<char> valueKnown;
    std::unordered_map<int, Dims> locals; // of the node being walked
    std::unordered_map<std::string, Dims> params;
    std::unordered_map<std::string, Shape> paramShapes; // from the module tree
    std::vector<Member> members;
    std::map<std::tuple<std::string, int, int64_t>, int> memberIds;
    std::unordered_map<int, int> memberOfSpace;
    std::unordered_map<int, std::vector<Dims>> lists; // tensor-list values, by value id
    std::unordered_map<int, std::vector<Dims>> localLists;
    std::vector<Provenance> valueProvenance;
    std::unordered_map<int, Provenance> localProvenance;
    std::unordered_map<int, std::vector<Provenance>> listProvenance; // int lists, by value id

    std::vector<Reason> reasons;
    std::vector<FixRecord> fixes;
    std::vector<NoteRecord> notes;
    std::vector<RawConstraint> constraints;
    std::vector<RawEdit> edits;
    std::vector<SizeCheck> sizeChecks;

    Dims fresh(const Shape& shape);
    Shape shapeOf(const Dims& dims) const;
    int addReason(Reason::Kind kind, const std::string& text, int node = -1, const std::string& op = {});
    void fix(int space, int reason) { fixes.push_back({ space, -1, reason }); }
    void fixIndex(int space, int64_t index, int reason) { fixes.push_back({ space, index, reason }); }
    void note(int space, const std::string& text) { notes.push_back({ space, text }); }

    // The spaces of a parameter, created (with a per-channel member per dim) on first use.
    const Dims* parameter(const std::string& path, const Shape& knownShape);
    int member(const std::string& parameter, int dim, int64_t groups, int space);
    bool isMemberSpace(int space) const { return memberOfSpace.count(space) != 0; }
    // Gives the member owning `space` (if any) a stronger role; filters make units.
    void promote(int space, MemberRole role);
};

// The op being walked, as the rules see it. Rules that cannot follow the channels throw
// Blocked; the walker then fixes everything the op touches, naming the reason.
struct Blocked {
    std::string reason;
    Reason::Kind kind = Reason::Kind::Blocked;
};

class Op {
public:
    Op(FlowState& state, const OpNode& node, const OpCall& call, int occurrence);

    FlowState& s;
    const OpNode& node;
    const OpCall& call;
    const int occurrence;

    const std::string& kind() const { return call.kind; }
    const OpArgument* arg(const std::string& name) const; // by schema name
    const OpArgument& input(size_t i) const; // throws Blocked when missing
    bool isTensor(const OpArgument& a) const;
    // A tensor argument that is there at run time (an Optional bias may be None).
    bool present(const OpArgument* a) const;
    // An int list of constants (a constant, or a list built from constants).
    bool constantInts(const OpArgument& a, std::vector<int64_t>& out) const;
    bool isScalarLike(const OpArgument& a) const; // int, float, bool or a 0-dim tensor
    // Spaces of a tensor argument; throws Blocked when its shape is unknown.
    Dims dims(const OpArgument& a);
    std::vector<Dims> tensorList(const OpArgument& a); // cat's tensors; throws Blocked
    int64_t intArg(const std::string& name) const; // a constant int argument; throws Blocked
    bool hasInt(const std::string& name) const;
    std::vector<int64_t> intsArg(const std::string& name) const; // known int[] value; throws Blocked
    Shape outputShape(size_t i) const; // recorded; throws Blocked when unknown
    int64_t wrapDim(int64_t dim, size_t rank) const; // negative dims; throws Blocked when out of range

    void output(size_t i, const Dims& dims);
    void pieces(size_t i, const std::vector<Dims>& pieces); // a list result
    void setProvenance(size_t i, const Provenance& p);
    Provenance provenance(const OpArgument& a) const;
    std::vector<Provenance> listProvenance(const OpArgument& a) const; // per element of an int list
    void consume(const OpArgument& a) { m_consumed.push_back(&a); }
    bool consumed(const OpArgument& a) const;
    bool outputDone(size_t i) const;

    void unite(int a, int b) { s.flow.uniteSpaces(a, b); }
    [[noreturn]] void cannot(const std::string& why, Reason::Kind kind = Reason::Kind::Blocked) const;
    std::string where() const; // "aten::view in 'stage2.0.aten::view'"
    void record(const std::string& rule) { s.flow.setContext(node.id, rule); }

private:
    std::vector<char> m_done;
    std::vector<const OpArgument*> m_consumed;
};

int valueOf(const OpArgument& a); // the GraphValue an argument is, looking through casts

// Rules by op kind (in-place variants found through their out-of-place name).
using Rule = void (*)(Op&);
const Rule* findRule(const std::string& kind);

// Shared by several rule files.
void elementwise(Op& op); // broadcasting, every tensor argument
std::string shapeText(const Shape& shape);

} // namespace prunescope::strict
