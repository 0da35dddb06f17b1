// SPDX-License-Identifier: MIT
#include "torchscript_reader.h"

#include "torch_pch.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/frontend/source_range.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/csrc/jit/serialization/import_read.h>
#include <torch/csrc/jit/serialization/import_source.h>

#include <exception>

namespace prunescope::detail {

namespace {

using caffe2::serialize::PyTorchStreamReader;

// "__torch__.torchvision.models.resnet.BasicBlock" -> "code/__torch__/torchvision/models/resnet/BasicBlock.py"
std::string sourceRecord(const std::string& qualifier)
{
    std::string record = "code/" + qualifier;
    for (char& c : record)
        if (c == '.')
            c = '/';
    return record + ".py";
}

// Thrown as soon as the archive turns out to need something only torch::jit::load
// does, so that no more of it is read twice.
struct NeedsLoad : std::exception { };

std::shared_ptr<torch::jit::Source> sourceOf(PyTorchStreamReader& reader, const std::string& qualifier)
{
    const std::string record = sourceRecord(qualifier);
    if (!reader.hasRecord(record))
        return nullptr;
    auto [data, size] = reader.getRecord(record);
    const c10::string_view text(static_cast<const char*>(data.get()), size);
    // The serialized code spells the ops torch.ops.quantized.conv2d(...); any mention
    // of quantization sends the file to load, rewrite and all.
    if (text.find("quantized") != c10::string_view::npos)
        throw NeedsLoad();
    return std::make_shared<torch::jit::Source>(text, record, 0);
}

torch::jit::Module readDirectly(const std::string& path)
{
    auto reader = std::make_shared<PyTorchStreamReader>(path);
    if (reader->hasRecord("model.json"))
        throw NeedsLoad(); // the legacy format, before PyTorch 1.4
    auto unit = std::make_shared<torch::jit::CompilationUnit>();
    std::vector<c10::IValue> constants;
    // The debug records (the model's Python source ranges) are not read: the graphs'
    // source locations then name the archive's code, which only libtorch's error
    // tracebacks quote, and we report an error's message, not its traceback
    // (load_errors.cpp). Skipping them saves another tenth of the time.
    // The reader is captured by value: the importer's compiled functions may outlive
    // this call.
    auto loadSource = [reader](const std::string& qualifier) { return sourceOf(*reader, qualifier); };
    torch::jit::SourceImporter importer(unit, &constants, loadSource, reader->version());
    auto resolveType
        = [&](const c10::QualifiedName& name) { return c10::StrongTypePtr(unit, importer.loadType(name)); };
    auto makeObject = [&](const c10::StrongTypePtr& type, c10::IValue state) {
        auto cls = type.type_->expect<c10::ClassType>();
        const size_t slots = cls->numAttributes();
        auto object = c10::ivalue::Object::create(type, slots);
        if (cls->findMethod("__setstate__")) {
            // Unoptimized, as load runs it: the class is not initialized yet.
            torch::jit::GraphOptimizerEnabledGuard unoptimized(false);
            cls->getMethod("__setstate__")({ object, std::move(state) });
            return object;
        }
        auto dict = std::move(state).toGenericDict();
        for (size_t i = 0; i < slots; ++i)
            object->setSlot(i, dict.at(cls->getAttributeName(i)));
        return object;
    };
    const c10::Device cpu(c10::kCPU);
    const auto table = torch::jit::readArchiveAndTensors("constants", "", "", resolveType, makeObject, cpu, *reader);
    for (const auto& constant : table.toTupleRef().elements())
        constants.push_back(constant);
    torch::jit::Module module(
        torch::jit::readArchiveAndTensors("data", "", "", resolveType, makeObject, cpu, *reader).toObject());
    // load compiles every method of every module (its rewriter asks each for its
    // graph); so does this, so that a method that cannot compile fails here, where
    // load_errors.cpp explains it, and not midway through the analysis.
    for (const auto& sub : module.modules())
        for (const auto& method : sub.get_methods())
            torch::jit::toGraphFunction(method.function()).graph();
    return module;
}

} // namespace

torch::jit::Module readTorchScript(const std::string& path, bool* readItself)
{
    if (readItself)
        *readItself = false;
    try {
        torch::jit::Module module = readDirectly(path);
        if (readItself)
            *readItself = true;
        return module;
    } catch (const std::exception&) {
        // NeedsLoad, or a failure: load says what is wrong in its own words, or reads
        // what we did not.
    }
    return torch::jit::load(path, c10::Device(c10::kCPU));
}

} // namespace prunescope::detail
