// SPDX-License-Identifier: MIT
#pragma once
// Shapes for ops that have no Meta kernel in libtorch 1.13, one op at a time: while a
// MetaFallbackScope is alive on a thread, such an op gets real zero tensors of its meta
// inputs' shapes, runs on the CPU, and returns meta tensors of its results' shapes. One
// missing kernel then costs that op, not a real run of the whole model.
//
// The fallback refuses (throws) when zeros cannot stand in for the data: ops that read a
// tensor's value (item(), `if x.sum() > 0`) or whose output shape depends on the values
// (nonzero, unique, nms), ops whose real inputs would take more memory than allowed, and
// ops that fail on zeros. The scope then says which op and why.
#include <cstdint>
#include <string>
#include <vector>

namespace prunescope::detail {

class MetaFallbackScope {
public:
    enum class Refusal {
        None,
        ReadsValues, // the op needs the tensor's values; only a real run can answer
        TooLarge, // its real inputs would exceed the memory limit
        Failed, // it failed on zero tensors
    };

    explicit MetaFallbackScope(uint64_t maxBytes);
    ~MetaFallbackScope();
    MetaFallbackScope(const MetaFallbackScope&) = delete;
    MetaFallbackScope& operator=(const MetaFallbackScope&) = delete;

    // Ops that ran on CPU zeros, in the order first seen, with their call counts.
    struct OpUse {
        std::string op;
        int calls = 0;
    };
    const std::vector<OpUse>& ops() const { return m_ops; }

    Refusal refusal() const { return m_refusal; }
    const std::string& refusedOp() const { return m_refusedOp; }
    const std::string& refusalText() const { return m_refusalText; } // one sentence, no trailing '.'

    // Called by the fallback kernel on this scope's thread.
    void noteUse(const std::string& op);
    void refuse(Refusal why, const std::string& op, const std::string& text);
    uint64_t maxBytes() const { return m_maxBytes; }
    static MetaFallbackScope* current();

private:
    uint64_t m_maxBytes;
    std::vector<OpUse> m_ops;
    Refusal m_refusal = Refusal::None;
    std::string m_refusedOp;
    std::string m_refusalText;
    MetaFallbackScope* m_previous = nullptr;
};

// Links the registration in (the fallback is registered statically).
void ensureMetaFallback();

} // namespace prunescope::detail
