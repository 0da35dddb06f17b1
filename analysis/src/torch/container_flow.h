// SPDX-License-Identifier: MIT
#pragma once
// Data that travels through containers: scripted models put tensors into dicts
// (`result["out"] = x`, torchvision's IntermediateLayerGetter), append them to lists
// and read them back (`features["out"]`, `xs[0]`), and hand lists to another module's
// method (FloatFunctional's `self.cat.cat([a, b])`). In the graph those values flow by
// mutation, not through the container's producer, so following the container's edges
// loses them: a trace, which unrolls every container, has the edges. This class
// follows the executed program in order and keeps each container's contents, so that a
// read of an entry becomes an edge from the value that was stored. The same holds for
// values a module stores in its own attributes and reads back later (RAFT's correlation
// pyramid, built once and indexed in every iteration).
#include "shape_recorder.h"
#include "torch_pch.h"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace prunescope::detail {

class ContainerFlow {
public:
    using Canon = std::function<const torch::jit::Value*(const torch::jit::Value*)>;
    using Alias = std::function<void(const torch::jit::Value* from, const torch::jit::Value* to)>;

    ContainerFlow(const ShapeRecorder& recorder, Canon canon, Alias alias, const torch::jit::Value* self);

    // Follows what `node` does to containers (call in program order). True when the
    // node only moves values (a dict set or get, an append, a read at a known index): it
    // is then no op of the graph, and reads of its result are aliased to the value.
    bool absorb(const torch::jit::Node* node);
    // The values held by the containers `node` reads, nested containers flattened:
    // data that reaches the node through them.
    std::vector<const torch::jit::Value*> contentsRead(const torch::jit::Node* node) const;
    bool isContainer(const torch::jit::Value* value) const;
    std::vector<const torch::jit::Value*> leaves(const torch::jit::Value* container) const;

private:
    struct Contents {
        bool dict = false;
        bool exact = true; // false once an entry went in under a key we could not read
        std::vector<std::pair<std::string, const torch::jit::Value*>> entries;
    };

    Contents* find(const torch::jit::Value* value);
    std::optional<std::string> keyOf(const torch::jit::Value* value) const;
    std::optional<int64_t> indexOf(const torch::jit::Value* value) const;
    bool read(const torch::jit::Node* node, const torch::jit::Value* container, const torch::jit::Value* key);
    void leavesInto(const torch::jit::Value* value, std::vector<const torch::jit::Value*>& out, int depth) const;

    bool attribute(const torch::jit::Node* node);
    std::optional<std::string> objectPath(const torch::jit::Value* value) const;

    const ShapeRecorder& m_recorder;
    Canon m_canon;
    Alias m_alias;
    const torch::jit::Value* m_self;
    const torch::jit::Node* m_reader = nullptr; // the node absorb() looks at
    // Values the model stored in its own modules' attributes (self.corr_pyramid = ...),
    // by "module.path/attribute".
    std::unordered_map<std::string, const torch::jit::Value*> m_attributes;
    std::unordered_map<const torch::jit::Value*, Contents> m_contents;
};

} // namespace prunescope::detail
