// SPDX-License-Identifier: MIT
#include "prunescope/error.h"
#include "prunescope/json_parse.h"
#include "prunescope/mask_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace prunescope {

using nlohmann::json;

namespace {

[[noreturn]] void badFile(const std::string& path, const std::string& what)
{
    throw Error(ErrorKind::BadInput, path + ": " + what);
}

std::vector<int64_t> indices(const std::vector<bool>& kept)
{
    std::vector<int64_t> result;
    for (size_t i = 0; i < kept.size(); ++i)
        if (kept[i])
            result.push_back(static_cast<int64_t>(i));
    return result;
}

std::vector<bool> fromIndices(const json& list, int64_t size, const std::string& path, const std::string& where)
{
    if (!list.is_array())
        badFile(path, where + " must be a list of channel indices");
    std::vector<bool> kept(static_cast<size_t>(size), false);
    for (const auto& item : list) {
        if (!item.is_number_integer() || item.get<int64_t>() < 0 || item.get<int64_t>() >= size)
            badFile(path, where + " holds " + item.dump() + ", not a channel index below " + std::to_string(size));
        kept[item.get<size_t>()] = true;
    }
    return kept;
}

LayerMask layerFromJson(const std::string& layer, const json& entry, const std::string& path)
{
    const std::string where = "mask of layer '" + layer + "'";
    if (!entry.is_object() || !entry.contains("shape") || !entry["shape"].is_array() || entry["shape"].empty())
        badFile(path, where + " needs \"shape\": the weight's shape, e.g. [64, 3, 7, 7]");
    LayerMask mask;
    for (const auto& d : entry["shape"]) {
        if (!d.is_number_integer() || d.get<int64_t>() <= 0)
            badFile(path, where + " has a shape with " + d.dump() + ", not a positive size");
        mask.shape.push_back(d.get<int64_t>());
    }
    // Bound the size before allocating: a short file can announce a huge shape.
    constexpr int64_t kMaxElements = int64_t(1) << 28;
    int64_t total = 1;
    for (int64_t d : mask.shape) {
        if (total > kMaxElements / d)
            badFile(path, where + " has a shape of more than " + std::to_string(kMaxElements) + " elements");
        total *= d;
    }
    if (entry.contains("weight")) {
        const json& weight = entry["weight"];
        if (!weight.is_array() || static_cast<int64_t>(weight.size()) != total)
            badFile(path, where + ": \"weight\" must list " + std::to_string(total) + " values (0 or 1)");
        for (const auto& v : weight) {
            if (!v.is_number() || (v.get<double>() != 0.0 && v.get<double>() != 1.0))
                badFile(path, where + ": \"weight\" holds " + v.dump() + "; mask values must be 0 or 1");
            mask.weight.push_back(v.get<double>() != 0.0 ? 1 : 0);
        }
    } else {
        const std::vector<bool> out = entry.contains("kept_output_channels")
            ? fromIndices(entry["kept_output_channels"], mask.shape[0], path, where + ": kept_output_channels")
            : std::vector<bool>(static_cast<size_t>(mask.shape[0]), true);
        const int64_t inSize = mask.shape.size() > 1 ? mask.shape[1] : 1;
        const std::vector<bool> in = entry.contains("kept_input_channels")
            ? fromIndices(entry["kept_input_channels"], inSize, path, where + ": kept_input_channels")
            : std::vector<bool>(static_cast<size_t>(inSize), true);
        const int64_t inner = mask.shape.size() > 2 ? total / mask.shape[0] / inSize : 1;
        // One fill per kept (output, input) block: a wide layer ([1e8, 1]) must not cost
        // one vector insert per channel.
        mask.weight.assign(static_cast<size_t>(total), 0);
        for (int64_t o = 0; o < mask.shape[0]; ++o) {
            if (!out[static_cast<size_t>(o)])
                continue;
            for (int64_t i = 0; i < inSize; ++i)
                if (in[static_cast<size_t>(i)])
                    std::fill_n(mask.weight.begin() + (o * inSize + i) * inner, inner, uint8_t(1));
        }
    }
    if (entry.contains("bias") && !entry["bias"].is_boolean())
        badFile(path, where + ": \"bias\" must be true or false");
    mask.has_bias = entry.value("bias", false);
    if (mask.has_bias) {
        const auto filters = mask.kept(0);
        for (bool k : filters)
            mask.bias.push_back(k ? 1 : 0);
    }
    return mask;
}

} // namespace

std::string masksToJson(const MaskSet& masks)
{
    json root = json::object();
    for (const auto& [layer, mask] : masks) {
        json entry { { "shape", mask.shape } };
        const bool filters = mask.isStructured(0);
        const bool inputs = mask.shape.size() > 1 && mask.isStructured(1);
        // Whole channels are written as index lists; anything else element by element.
        LayerMask rebuilt = mask;
        if (filters || inputs) {
            json probe = entry;
            probe["kept_output_channels"] = indices(mask.kept(0));
            if (mask.shape.size() > 1)
                probe["kept_input_channels"] = indices(mask.kept(1));
            rebuilt = layerFromJson(layer, probe, "");
        }
        if ((filters || inputs) && rebuilt.weight == mask.weight) {
            entry["kept_output_channels"] = indices(mask.kept(0));
            if (mask.shape.size() > 1 && !mask.kept(1).empty()) {
                const auto in = mask.kept(1);
                if (std::find(in.begin(), in.end(), false) != in.end())
                    entry["kept_input_channels"] = indices(in);
            }
        } else {
            entry["weight"] = mask.weight;
        }
        entry["bias"] = mask.has_bias;
        root[layer] = entry;
    }
    return root.dump(1) + "\n";
}

MaskSet masksFromJson(const std::string& text, const std::string& path)
{
    json root;
    try {
        root = parseJson(text);
    } catch (const JsonError& e) {
        badFile(path, std::string("is not valid JSON (") + e.what() + "). Fix the syntax or export the masks again.");
    }
    if (!root.is_object())
        badFile(path,
            "is not a mask file: expected an object {\"layer\": {\"shape\": [...], \"kept_output_channels\": [...]}}");
    if (root.empty())
        badFile(path, "holds no masks (an empty object)");
    MaskSet masks;
    for (const auto& [layer, entry] : root.items())
        masks[layer] = layerFromJson(layer, entry, path);
    return masks;
}

MaskFormat maskFormatForPath(const std::string& path)
{
    const auto dot = path.rfind('.');
    return dot != std::string::npos && path.substr(dot) == ".json" ? MaskFormat::Json : MaskFormat::Nni;
}

void validateMasks(const MaskSet& masks, const OpGraph& graph, const std::string& path)
{
    std::unordered_map<std::string, const ModuleInfo*> modules;
    for (const auto& m : graph.modules)
        modules.emplace(m.path, &m);
    for (const auto& [layer, mask] : masks) {
        const auto found = modules.find(layer);
        const ModuleInfo* module = found == modules.end() ? nullptr : found->second;
        if (!module || layer.empty())
            badFile(path,
                "has a mask for layer '" + layer
                    + "', which this model does not have. Are the masks for another "
                      "model (or another version of it)?");
        const ModuleParam* weight = nullptr;
        for (const auto& p : module->params)
            if (p.name == "weight" && !p.buffer)
                weight = &p;
        if (!weight)
            badFile(path, "has a mask for layer '" + layer + "' (" + module->type + "), which has no weight to mask");
        if (weight->shape != mask.shape) {
            auto text = [](const Shape& s) {
                std::string t = "[";
                for (size_t i = 0; i < s.size(); ++i)
                    t += (i ? ", " : "") + std::to_string(s[i]);
                return t + "]";
            };
            badFile(path,
                "the mask of layer '" + layer + "' has shape " + text(mask.shape) + " but its weight has shape "
                    + text(weight->shape) + ". Are the masks for another model?");
        }
    }
}

} // namespace prunescope
