// SPDX-License-Identifier: MIT
// NNI's mask files: a dict pickled by torch.save, read and written with libtorch's
// pickler so that Python's torch.load reads ours back as a dict of tensors.
#include "prunescope/atomic_file.h"
#include "prunescope/error.h"
#include "prunescope/mask_io.h"
#include "torch_pch.h"

#include "torch_save_reader.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace prunescope {

namespace {

[[noreturn]] void bad(const std::string& path, const std::string& what)
{
    throw Error(ErrorKind::BadInput, path + ": " + what);
}

const char* const kExpected = "expected NNI's mask format, a dict {layer_name: {\"weight\": Tensor, \"bias\": Tensor "
                              "or None}} saved with torch.save, or Prunescope's JSON masks";

std::vector<uint8_t> zeroOne(const at::Tensor& tensor, const std::string& path, const std::string& what)
{
    const at::Tensor values = tensor.to(at::kDouble).contiguous().flatten();
    const double* data = values.data_ptr<double>();
    std::vector<uint8_t> result(static_cast<size_t>(values.numel()));
    for (int64_t i = 0; i < values.numel(); ++i) {
        const double v = data[i];
        if (std::isnan(v))
            bad(path, what + " contains NaN; mask values must be 0 or 1");
        if (v != 0.0 && v != 1.0) {
            std::ostringstream text;
            text << what << " contains " << v << "; mask values must be 0 or 1";
            bad(path, text.str());
        }
        result[static_cast<size_t>(i)] = v != 0.0;
    }
    return result;
}

using detail::PickleRef;
using detail::PickleValue;

PickleRef entry(const PickleValue& dict, const std::string& key)
{
    for (const auto& [k, v] : dict.entries)
        if (k->kind == PickleValue::Kind::String && k->text == key)
            return v;
    return nullptr;
}

MaskSet fromPickle(const PickleValue& root, const std::string& path)
{
    if (root.kind != PickleValue::Kind::Dict)
        bad(path, "holds a " + root.describe() + ", not a dict; " + kExpected);
    if (root.entries.empty())
        bad(path, "holds an empty dict: there are no masks in it");
    MaskSet masks;
    for (const auto& [key, value] : root.entries) {
        if (key->kind != PickleValue::Kind::String)
            bad(path, std::string("has a key that is not a layer name; ") + kExpected);
        const std::string& layer = key->text;
        const std::string where = "the mask of layer '" + layer + "'";
        if (value->kind != PickleValue::Kind::Dict)
            bad(path, where + " is a " + value->describe() + ", not a dict with \"weight\" and \"bias\"; " + kExpected);
        const PickleRef weight = entry(*value, "weight");
        if (!weight || weight->kind != PickleValue::Kind::Tensor)
            bad(path, where + " has no \"weight\" tensor");
        LayerMask mask;
        mask.shape = weight->tensor.sizes().vec();
        mask.weight = zeroOne(weight->tensor, path, where + " (weight)");
        const PickleRef bias = entry(*value, "bias");
        if (bias && bias->kind == PickleValue::Kind::Tensor) {
            if (bias->tensor.dim() != 1 || mask.shape.empty() || bias->tensor.size(0) != mask.shape[0])
                bad(path, where + " has a bias mask of the wrong size");
            mask.has_bias = true;
            mask.bias = zeroOne(bias->tensor, path, where + " (bias)");
        }
        masks[layer] = std::move(mask);
    }
    return masks;
}

std::string readFile(const std::string& path)
{
    // Only regular files: a FIFO would block in open() and a device never end.
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        bad(path, "no such file. Check the path.");
    if (fs::is_directory(status))
        bad(path, "is a directory, not a mask file.");
    if (!fs::is_regular_file(status))
        bad(path, "is not a regular file, not a mask file.");
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file)
        bad(path, "cannot be read (permission denied?). Check the file's permissions.");
    // fread and ferror: a stream buffer would take a read error for the end of the file.
    std::string content;
    char buffer[1 << 16];
    size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0)
        content.append(buffer, got);
    if (std::ferror(file.get()))
        bad(path, "cannot be read: the system reported a read error.");
    return content;
}

at::Tensor toTensor(const std::vector<uint8_t>& values, const Shape& shape)
{
    at::Tensor tensor = at::empty(shape, at::kFloat);
    float* data = tensor.data_ptr<float>();
    for (size_t i = 0; i < values.size(); ++i)
        data[i] = values[i] ? 1.0f : 0.0f;
    return tensor;
}

} // namespace

MaskSet readMasks(const std::string& path)
{
    const std::string content = readFile(path);
    if (content.empty())
        bad(path, "is empty");
    const auto first = content.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (content[first] == '{' || content[first] == '['))
        return masksFromJson(content, path);
    if (content.size() < 2 || content[0] != 'P' || content[1] != 'K')
        bad(path,
            std::string("is neither JSON nor a zip archive written by torch.save (PyTorch 1.6 or later); ") + kExpected
                + ".");
    detail::PickleRef root;
    try {
        root = detail::readTorchSave(path);
    } catch (const c10::Error& e) {
        bad(path, std::string("is a damaged zip archive (") + e.what_without_backtrace() + "); " + kExpected + ".");
    } catch (const std::exception& e) {
        bad(path, std::string("cannot be read as a torch.save file: ") + e.what() + "; " + kExpected + ".");
    }
    return fromPickle(*root, path);
}

void writeMasks(const std::string& path, const MaskSet& masks, MaskFormat format)
{
    if (format == MaskFormat::Json) {
        writeFileAtomically(path, masksToJson(masks));
        return;
    }
    const auto entryType
        = c10::DictType::create(c10::StringType::get(), c10::OptionalType::create(c10::TensorType::get()));
    c10::impl::GenericDict root(c10::StringType::get(), entryType);
    for (const auto& [layer, mask] : masks) {
        c10::impl::GenericDict entry(c10::StringType::get(), c10::OptionalType::create(c10::TensorType::get()));
        entry.insert("weight", toTensor(mask.weight, mask.shape));
        entry.insert("bias",
            mask.has_bias ? c10::IValue(toTensor(mask.bias, { static_cast<int64_t>(mask.bias.size()) }))
                          : c10::IValue());
        root.insert(layer, entry);
    }
    const std::vector<char> bytes = torch::jit::pickle_save(root);
    writeFileAtomically(path, std::string(bytes.begin(), bytes.end()));
}

} // namespace prunescope
