// NNI's mask files: a dict pickled by torch.save, read and written with libtorch's
// pickler so that Python's torch.load reads ours back as a dict of tensors.
#include "prunescope/atomic_file.h"
#include "prunescope/error.h"
#include "prunescope/mask_io.h"
#include "torch_pch.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <cmath>
#include <fstream>
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

MaskSet fromIValue(const c10::IValue& root, const std::string& path)
{
    if (!root.isGenericDict())
        bad(path, std::string("holds a ") + root.tagKind() + ", not a dict; " + kExpected);
    const auto dict = root.toGenericDict();
    if (dict.empty())
        bad(path, "holds an empty dict: there are no masks in it");
    MaskSet masks;
    for (const auto& item : dict) {
        if (!item.key().isString())
            bad(path, std::string("has a key that is not a layer name; ") + kExpected);
        const std::string layer = item.key().toStringRef();
        const std::string where = "the mask of layer '" + layer + "'";
        if (!item.value().isGenericDict())
            bad(path, where + " is not a dict with \"weight\" and \"bias\"; " + kExpected);
        const auto entry = item.value().toGenericDict();
        if (!entry.contains("weight") || !entry.at("weight").isTensor())
            bad(path, where + " has no \"weight\" tensor");
        const at::Tensor weight = entry.at("weight").toTensor();
        LayerMask mask;
        mask.shape = weight.sizes().vec();
        mask.weight = zeroOne(weight, path, where + " (weight)");
        if (entry.contains("bias") && entry.at("bias").isTensor()) {
            const at::Tensor bias = entry.at("bias").toTensor();
            if (bias.dim() != 1 || mask.shape.empty() || bias.size(0) != mask.shape[0])
                bad(path, where + " has a bias mask of the wrong size");
            mask.has_bias = true;
            mask.bias = zeroOne(bias, path, where + " (bias)");
        }
        masks[layer] = std::move(mask);
    }
    return masks;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        bad(path, "cannot be read: no such file, or no permission");
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
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
    if (first != std::string::npos && content[first] == '{')
        return masksFromJson(content, path);
    c10::IValue root;
    try {
        root = torch::jit::pickle_load(std::vector<char>(content.begin(), content.end()));
    } catch (const std::exception& e) {
        bad(path, std::string("cannot be read as a torch.save file; ") + kExpected + ".");
    }
    return fromIValue(root, path);
}

void writeMasks(const std::string& path, const MaskSet& masks, MaskFormat format)
{
    if (format == MaskFormat::Json) {
        writeFileAtomically(path, masksToJson(masks));
        return;
    }
    const auto entryType = c10::DictType::create(c10::StringType::get(), c10::OptionalType::create(c10::TensorType::get()));
    c10::impl::GenericDict root(c10::StringType::get(), entryType);
    for (const auto& [layer, mask] : masks) {
        c10::impl::GenericDict entry(c10::StringType::get(), c10::OptionalType::create(c10::TensorType::get()));
        entry.insert("weight", toTensor(mask.weight, mask.shape));
        entry.insert("bias", mask.has_bias ? c10::IValue(toTensor(mask.bias, { static_cast<int64_t>(mask.bias.size()) }))
                                           : c10::IValue());
        root.insert(layer, entry);
    }
    const std::vector<char> bytes = torch::jit::pickle_save(root);
    writeFileAtomically(path, std::string(bytes.begin(), bytes.end()));
}

} // namespace prunescope
