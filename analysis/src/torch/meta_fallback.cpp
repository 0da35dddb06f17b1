// SPDX-License-Identifier: MIT
#include "meta_fallback.h"

#include "torch_pch.h"

#include <torch/library.h>

#include <functional>
#include <limits>
#include <set>

namespace prunescope::detail {

namespace {

thread_local MetaFallbackScope* t_scope = nullptr;
thread_local bool t_running = false; // inside the fallback's CPU call: no nesting

// Ops whose output shape depends on the input's values (or that assert on them): zeros
// would give an answer, and a wrong one.
const std::set<std::string> kValueDependent { "aten::nonzero", "aten::masked_select", "aten::_unique", "aten::_unique2",
    "aten::unique_dim", "aten::unique_consecutive", "aten::unique_dim_consecutive", "aten::bincount",
    "aten::repeat_interleave", "aten::_assert_async", "torchvision::nms" };

std::string opName(const c10::FunctionSchema& schema) { return schema.operator_name().name; }

bool isTensorType(const c10::TypePtr& type)
{
    if (type->kind() == c10::TypeKind::TensorType || type->kind() == c10::TypeKind::NoneType)
        return true;
    if (type->kind() == c10::TypeKind::ListType || type->kind() == c10::TypeKind::OptionalType)
        return isTensorType(type->containedType(0));
    return false;
}

// An op that takes tensors and returns a number or a bool reads their values (item(),
// equal(), is_nonzero()).
bool returnsValue(const c10::FunctionSchema& schema)
{
    for (const auto& result : schema.returns())
        if (!isTensorType(result.type()))
            return true;
    return false;
}

uint64_t bytesOf(const at::Tensor& tensor)
{
    const auto elements = static_cast<uint64_t>(tensor.numel());
    const auto size = static_cast<uint64_t>(tensor.element_size());
    return size && elements > std::numeric_limits<uint64_t>::max() / size ? std::numeric_limits<uint64_t>::max()
                                                                          : elements * size;
}

void forEachTensor(const c10::IValue& value, const std::function<void(const at::Tensor&)>& visit)
{
    if (value.isTensor()) {
        visit(value.toTensor());
    } else if (value.isTensorList()) {
        const auto list = value.toTensorList();
        for (size_t i = 0; i < list.size(); ++i)
            visit(list.get(i));
    } else if (value.isList()) {
        const auto list = value.toList();
        for (size_t i = 0; i < list.size(); ++i)
            forEachTensor(list.get(i), visit);
    }
}

at::Tensor zerosLike(const at::Tensor& meta)
{
    const auto options = meta.options().device(c10::kCPU);
    if (c10::isQIntType(meta.scalar_type()))
        return at::quantize_per_tensor(at::zeros(meta.sizes(), options.dtype(at::kFloat)), 1.0, 0, meta.scalar_type());
    // Same strides where they describe ordinary memory (channels-last, say): some CPU
    // kernels pick their path by layout. Expanded (overlapping) layouts become dense.
    if (meta.is_non_overlapping_and_dense())
        return at::empty_strided(meta.sizes(), meta.strides(), options).zero_();
    return at::zeros(meta.sizes(), options);
}

at::Tensor metaLike(const at::Tensor& real)
{
    return at::empty_strided(real.sizes(), real.strides(), real.options().device(c10::kMeta));
}

// Meta tensors (also inside lists) become CPU zeros, a meta device becomes the CPU.
c10::IValue toCpu(const c10::IValue& value)
{
    if (value.isTensor()) {
        const at::Tensor& tensor = value.toTensor();
        return tensor.defined() && tensor.is_meta() ? c10::IValue(zerosLike(tensor)) : value;
    }
    if (value.isTensorList()) {
        const auto list = value.toTensorList();
        c10::List<at::Tensor> out;
        for (size_t i = 0; i < list.size(); ++i) {
            const at::Tensor tensor = list.get(i);
            out.push_back(tensor.defined() && tensor.is_meta() ? zerosLike(tensor) : tensor);
        }
        return out;
    }
    if (value.isList()) {
        const auto list = value.toList();
        c10::impl::GenericList out(list.elementType());
        for (size_t i = 0; i < list.size(); ++i)
            out.push_back(toCpu(list.get(i)));
        return out;
    }
    if (value.isDevice() && value.toDevice().is_meta())
        return c10::Device(c10::kCPU);
    return value;
}

c10::IValue toMeta(const c10::IValue& value)
{
    if (value.isTensor()) {
        const at::Tensor& tensor = value.toTensor();
        return tensor.defined() && !tensor.is_meta() ? c10::IValue(metaLike(tensor)) : value;
    }
    if (value.isTensorList()) {
        const auto list = value.toTensorList();
        c10::List<at::Tensor> out;
        for (size_t i = 0; i < list.size(); ++i) {
            const at::Tensor tensor = list.get(i);
            out.push_back(tensor.defined() && !tensor.is_meta() ? metaLike(tensor) : tensor);
        }
        return out;
    }
    if (value.isList()) {
        const auto list = value.toList();
        c10::impl::GenericList out(list.elementType());
        for (size_t i = 0; i < list.size(); ++i)
            out.push_back(toMeta(list.get(i)));
        return out;
    }
    return value;
}

// The argument an in-place or out= result writes to (same alias set, `Tensor(a!)`).
int writtenArgument(const c10::FunctionSchema& schema, size_t result)
{
    const c10::AliasInfo* info = schema.returns()[result].alias_info();
    if (!info || !info->isWrite())
        return -1;
    for (size_t i = 0; i < schema.arguments().size(); ++i) {
        const c10::AliasInfo* arg = schema.arguments()[i].alias_info();
        if (arg && arg->isWrite() && arg->beforeSets() == info->beforeSets())
            return static_cast<int>(i);
    }
    return -1;
}

std::string firstLine(const std::string& text)
{
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

std::string mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

[[noreturn]] void refuse(
    MetaFallbackScope& scope, MetaFallbackScope::Refusal why, const std::string& op, const std::string& text)
{
    scope.refuse(why, op, text);
    TORCH_CHECK(false, "prunescope: ", text);
}

void metaFallback(const c10::OperatorHandle& handle, torch::jit::Stack* stack)
{
    const auto& schema = handle.schema();
    const std::string op = opName(schema);
    MetaFallbackScope* scope = MetaFallbackScope::current();
    // Outside a scope (or nested) this is libtorch's own answer, word for word.
    TORCH_CHECK_NOT_IMPLEMENTED(scope && !t_running, "Could not run '", op,
        "' with arguments from the 'Meta' backend. This could be because the operator doesn't exist for this "
        "backend.");
    using Refusal = MetaFallbackScope::Refusal;
    if (op == "aten::_local_scalar_dense")
        refuse(*scope, Refusal::ReadsValues, op,
            "the model reads a tensor's value (control flow such as `if x.sum() > 0`, or .item()), which meta "
            "tensors do not have");
    if (kValueDependent.count(op) || returnsValue(schema))
        refuse(*scope, Refusal::ReadsValues, op,
            op + " needs the values of its input (its result depends on them), which meta tensors do not have");

    const size_t count = schema.arguments().size();
    const auto first = stack->end() - static_cast<std::ptrdiff_t>(count);
    const std::vector<c10::IValue> original(first, stack->end());
    uint64_t bytes = 0;
    for (const auto& value : original)
        forEachTensor(value, [&](const at::Tensor& t) {
            if (t.defined() && t.is_meta())
                bytes = std::min(std::numeric_limits<uint64_t>::max() - bytesOf(t), bytes) + bytesOf(t);
        });
    if (bytes > scope->maxBytes())
        refuse(*scope, Refusal::TooLarge, op,
            op + " has no meta kernel and its inputs would take " + mib(bytes) + " as real tensors, more than the "
                + mib(scope->maxBytes()) + " allowed");
    for (size_t i = 0; i < count; ++i)
        *(first + static_cast<std::ptrdiff_t>(i)) = toCpu(original[i]);

    t_running = true;
    try {
        handle.callBoxed(stack);
    } catch (const c10::Error& e) {
        t_running = false;
        refuse(*scope, Refusal::Failed, op,
            op + " has no meta kernel and failed on zero tensors of the recorded shapes ("
                + firstLine(e.what_without_backtrace()) + ")");
    }
    t_running = false;

    const size_t results = schema.returns().size();
    for (size_t r = 0; r < results; ++r) {
        bool quantized = false;
        forEachTensor(*(stack->end() - static_cast<std::ptrdiff_t>(results - r)),
            [&](const at::Tensor& t) { quantized = quantized || (t.defined() && t.is_quantized()); });
        if (quantized)
            refuse(*scope, Refusal::Failed, op,
                op + " makes a quantized tensor, and libtorch 1.13 has no meta form of quantized tensors");
    }
    for (size_t r = 0; r < results; ++r) {
        c10::IValue& slot = *(stack->end() - static_cast<std::ptrdiff_t>(results - r));
        const int written = writtenArgument(schema, r);
        if (written >= 0 && original[static_cast<size_t>(written)].isTensor()) {
            at::Tensor target = original[static_cast<size_t>(written)].toTensor();
            if (slot.isTensor() && target.sizes() != slot.toTensor().sizes())
                target.resize_(slot.toTensor().sizes());
            slot = target;
        } else {
            slot = toMeta(slot);
        }
    }
    scope->noteUse(op);
}

TORCH_LIBRARY_IMPL(_, Meta, m) { m.fallback(torch::CppFunction::makeFromBoxedFunction<&metaFallback>()); }

} // namespace

MetaFallbackScope::MetaFallbackScope(uint64_t maxBytes)
    : m_maxBytes(maxBytes)
    , m_previous(t_scope)
{
    t_scope = this;
}

MetaFallbackScope::~MetaFallbackScope() { t_scope = m_previous; }

MetaFallbackScope* MetaFallbackScope::current() { return t_scope; }

void MetaFallbackScope::noteUse(const std::string& op)
{
    for (auto& use : m_ops)
        if (use.op == op) {
            ++use.calls;
            return;
        }
    m_ops.push_back({ op, 1 });
}

void MetaFallbackScope::refuse(Refusal why, const std::string& op, const std::string& text)
{
    if (m_refusal != Refusal::None)
        return; // the first refusal is the reason; later ones follow from it
    m_refusal = why;
    m_refusedOp = op;
    m_refusalText = text;
}

void ensureMetaFallback()
{
    // The registration above is static; calling this pulls the translation unit in.
}

} // namespace prunescope::detail
