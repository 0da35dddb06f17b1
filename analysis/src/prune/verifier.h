// SPDX-License-Identifier: MIT
#pragma once
// The check that makes a pruned model trustworthy: the original runs with the plan's
// removed channels zeroed where each value is produced (so no bias or BN shift revives
// them), and at every OpGraph value the pruned model must then hold the original's tensor
// without those channels. Shapes are checked everywhere on every run; values everywhere
// only when the outputs already disagree, to name the first op that went wrong without
// keeping every tensor of a big model in memory on the usual, passing run.
#include "prunescope/pruner.h"
#include "value_taps.h"

#include <optional>

namespace prunescope::detail {

struct Disagreement {
    int value = -1; // OpGraph value id
    std::string detail; // "has shape [1, 6, 8, 8], expected [1, 5, 8, 8]" or "differs: max |difference| 0.3 ..."
};

class Verifier {
public:
    // Throws Error(BadInput) for silenced values the graph lacks or indices out of range.
    Verifier(const OpGraph& original, const std::vector<SilencedValue>& silenced, double rtol, double atol);

    // Returns true when the run should stop (it then throws Error(Cancelled)). The two runs
    // below touch disjoint state and may run on two threads at once: the shapes the pruned
    // model must have come from the original's graph, not from its run.
    using Stop = std::function<bool()>;

    // The original with the removed channels silenced; keepValues keeps every tensor.
    void runOriginal(ValueTaps& taps, const std::vector<at::Tensor>& inputs, bool keepValues, const Stop& stop);
    // The pruned model; compares shapes (and values, when the original's were kept) at
    // every value, and returns the first disagreement in execution order.
    std::optional<Disagreement> runPruned(ValueTaps& taps, const std::vector<at::Tensor>& inputs, const Stop& stop);
    bool keptValues() const { return m_keepValues; }

    // The forward outputs of the last two runs, compared.
    Verification compareOutputs() const;
    // "layer1.0.bn1 (BatchNorm2d)" or "the model's input".
    static std::string producerName(const OpGraph& graph, int value);

private:
    struct Removal {
        int dim = 1;
        std::vector<int64_t> removed;
    };
    at::Tensor silence(int value, const at::Tensor& tensor) const;
    at::Tensor withoutRemoved(int value, const at::Tensor& tensor) const;
    std::optional<std::string> differs(const at::Tensor& expected, const at::Tensor& actual) const;

    const OpGraph& m_graph;
    double m_rtol, m_atol;
    std::vector<std::vector<Removal>> m_removals; // by value id
    std::vector<char> m_tapped; // values with a recorded shape (the ones the taps see)
    std::vector<Shape> m_shapes; // expected shape in the pruned model, by value id
    std::vector<at::Tensor> m_values; // expected tensors, when kept
    bool m_keepValues = false;
    int m_compared = 0; // values the last pruned run checked
    std::vector<at::Tensor> m_originalOutputs, m_prunedOutputs;
};

} // namespace prunescope::detail
