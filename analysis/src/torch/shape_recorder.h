// SPDX-License-Identifier: MIT
#pragma once
// Records what the forward pass really does: the runtime shape of every tensor and the
// value of every int / int[] that nodes produce, which branch of each `if` ran and how
// often each loop body ran, and the last op entered (to name it when the forward fails).
// It instruments the graph with tiny side-effect ops and runs it in libtorch's
// interpreter; the same instrumented graph runs on meta or on real tensors. Instrumentation
// nodes are not part of the model: the graph builder skips them and looks through them.
#include "torch_pch.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace prunescope::detail {

struct Observation {
    int count = 0; // times the value was produced (> 1 in loops); 0 = never
    bool tensor = false;
    bool varies = false; // a later production had another shape (a loop over FPN levels)
    std::vector<int64_t> shape; // of the first production
    std::string dtype;
    std::vector<int64_t> ints; // int / int[] values
    bool is_string = false;
    std::string text; // str values (dict keys such as features["out"])
};

class ShapeRecorder {
public:
    // Instruments `graph` in place. Call once, before run().
    explicit ShapeRecorder(std::shared_ptr<torch::jit::Graph> graph);
    ~ShapeRecorder();

    // Runs forward(self, inputs...) with every argument given; onMeta turns the CPU
    // devices a trace baked into factory calls into meta. Throws what the interpreter
    // throws.
    void run(const torch::jit::Module& module, const std::vector<c10::IValue>& inputs, bool onMeta);
    void clear();

    const Observation* observed(const torch::jit::Value* value) const; // nullptr if never seen
    int runsOf(const torch::jit::Block* block) const;
    bool finished(const torch::jit::Node* loop) const; // the run got past this prim::Loop
    const torch::jit::Node* lastEntered() const { return m_lastEntered; }
    static bool isInstrumentation(const torch::jit::Node* node);

    // Called by the registered ops, on the thread running the graph.
    void onTensor(int64_t id, const at::Tensor& tensor);
    void onInts(int64_t id, std::vector<int64_t> ints);
    void onString(int64_t id, const std::string& text);
    void onMark(int64_t id);

private:
    void instrumentBlock(torch::jit::Block* block);
    void redirectDevices(torch::jit::Node* node);
    int64_t addObserver(torch::jit::Value* value, torch::jit::Node* after);
    void addMark(torch::jit::Node* before, int64_t id);

    std::shared_ptr<torch::jit::Graph> m_graph;
    std::unique_ptr<torch::jit::Code> m_code;
    std::vector<const torch::jit::Value*> m_valueOf; // observer id -> value
    std::vector<Observation> m_observations; // by observer id
    std::unordered_map<const torch::jit::Value*, int64_t> m_idOf;
    std::vector<const torch::jit::Block*> m_blockOf; // mark id -> block (or nullptr)
    std::vector<const torch::jit::Node*> m_nodeOf; // mark id -> entered node (or nullptr)
    std::vector<int> m_markCount;
    std::unordered_map<const torch::jit::Block*, int64_t> m_blockMark;
    std::unordered_map<const torch::jit::Node*, int64_t> m_loopExit; // loop -> mark id after it
    const torch::jit::Node* m_lastEntered = nullptr;
};

} // namespace prunescope::detail
