// SPDX-License-Identifier: MIT
#include "model_inputs.h"

#include "prunescope/error.h"

#include <map>
#include <sstream>

namespace prunescope::detail {

namespace {

at::Tensor makeTensor(const InputSpec& spec, bool meta)
{
    const auto type = scalarType(spec.dtype);
    auto options = at::TensorOptions().dtype(type);
    if (meta)
        return at::empty(spec.shape, options.device(c10::kMeta));
    return at::isFloatingType(type) ? at::ones(spec.shape, options) : at::zeros(spec.shape, options);
}

bool isTensorList(const c10::TypePtr& type)
{
    return type->kind() == c10::TypeKind::ListType && type->containedType(0)->kind() == c10::TypeKind::TensorType;
}

bool isTensor(const c10::TypePtr& type)
{
    if (type->kind() == c10::TypeKind::OptionalType)
        return isTensor(type->containedType(0));
    return type->kind() == c10::TypeKind::TensorType;
}

const ModuleParam* weightOf(const std::vector<ModuleInfo>& modules, const std::string& path)
{
    for (const auto& module : modules)
        if (module.path == path)
            for (const auto& p : module.params)
                if (p.name == "weight")
                    return &p;
    return nullptr;
}

// The sizes after the batch dimension that the model's first layer accepts.
std::string firstLayerSizes(const CallTable& calls, const std::vector<ModuleInfo>& modules, std::string& dtype)
{
    for (const auto& call : calls.calls) {
        const std::string& type = call.type;
        const ModuleParam* weight = weightOf(modules, call.path);
        if (!weight || weight->shape.size() < 2)
            continue;
        const std::string channels = std::to_string(weight->shape[1]);
        if (type == "Conv1d")
            return channels + ",224";
        if (type == "Conv2d" || type == "ConvReLU2d" || type == "ConvBn2d" || type == "ConvBnReLU2d")
            return channels + ",224,224";
        if (type == "Conv3d" || type == "ConvReLU3d" || type == "ConvBn3d" || type == "ConvBnReLU3d")
            return channels + ",16,224,224"; // 16 frames: what every torchvision video model takes
        if (type == "Linear")
            return channels;
        if (type == "Embedding") {
            dtype = "int64:";
            return "128";
        }
        if (type == "LSTM" || type == "GRU" || type == "RNN")
            return "10," + channels;
    }
    return "3,224,224";
}

} // namespace

c10::ScalarType scalarType(const std::string& dtype)
{
    static const std::map<std::string, c10::ScalarType> types { { "float32", at::kFloat }, { "float64", at::kDouble },
        { "float16", at::kHalf }, { "bfloat16", at::kBFloat16 }, { "int64", at::kLong }, { "int32", at::kInt },
        { "int16", at::kShort }, { "int8", at::kChar }, { "uint8", at::kByte }, { "bool", at::kBool } };
    return types.at(dtype);
}

void checkInputs(const std::string& path, const c10::FunctionSchema& forward, const std::vector<InputSpec>& specs,
    const std::string& example)
{
    const auto& arguments = forward.arguments();
    size_t required = 0, accepted = 0;
    std::string names;
    for (size_t i = 1; i < arguments.size(); ++i) {
        ++accepted;
        if (!arguments[i].default_value())
            ++required;
        names += (names.empty() ? "" : ", ") + arguments[i].name();
    }
    if (specs.size() < required || specs.size() > accepted) {
        std::ostringstream message;
        message << path << ": forward takes " << required << (required == accepted ? "" : " or more") << " input(s) ("
                << names << ") but " << specs.size() << " shape(s) were given (" << inputSpecsText(specs) << "). "
                << inputHint(example);
        throw Error(ErrorKind::BadInput, message.str());
    }
    for (size_t i = 0; i < specs.size(); ++i) {
        const auto& argument = arguments[i + 1];
        const auto& type = argument.type();
        if (isTensorList(type) && !specs[i].is_list)
            throw Error(ErrorKind::BadInput,
                path + ": forward's argument '" + argument.name() + "' is a List[Tensor] (a list of images, as "
                    + "detection models take), but " + specs[i].toString()
                    + " is one tensor. Give the list in brackets, e.g. --input '[3,320,320]' for one 3x320x320 "
                      "image or '[3,320,320|3,240,320]' for two.");
        if (isTensor(type) && specs[i].is_list)
            throw Error(ErrorKind::BadInput,
                path + ": forward's argument '" + argument.name() + "' is one tensor, but " + specs[i].toString()
                    + " is a list. " + inputHint(example));
        if (!isTensor(type) && !isTensorList(type))
            throw Error(ErrorKind::BadInput,
                path + ": forward's argument '" + argument.name() + "' is of type " + type->annotation_str()
                    + ", and only tensor arguments can be given as shapes. Wrap the model in a module whose "
                      "forward takes tensors, then export it again.");
    }
}

std::vector<c10::IValue> makeInputs(const c10::FunctionSchema& forward, const std::vector<InputSpec>& specs, bool meta)
{
    std::vector<c10::IValue> inputs;
    for (const auto& spec : specs) {
        if (!spec.is_list) {
            inputs.emplace_back(makeTensor(spec, meta));
            continue;
        }
        c10::List<at::Tensor> list;
        for (const auto& element : spec.elements)
            list.push_back(makeTensor(element, meta));
        inputs.emplace_back(std::move(list));
    }
    // The interpreter takes every argument; TorchScript's callers fill in the defaults.
    const auto& arguments = forward.arguments();
    for (size_t i = inputs.size() + 1; i < arguments.size(); ++i)
        inputs.push_back(arguments[i].default_value().value_or(c10::IValue()));
    return inputs;
}

std::string exampleInput(
    const c10::FunctionSchema& forward, const CallTable& calls, const std::vector<ModuleInfo>& modules)
{
    std::string dtype;
    const std::string sizes = firstLayerSizes(calls, modules, dtype);
    std::string text;
    for (size_t i = 1; i < forward.arguments().size(); ++i) {
        const auto& argument = forward.arguments()[i];
        if (argument.default_value())
            break;
        const std::string one = isTensorList(argument.type()) ? "[" + dtype + sizes + "]" : dtype + "1," + sizes;
        text += (text.empty() ? "" : ";") + one;
    }
    return text.empty() ? "1," + sizes : text;
}

std::string inputHint(const std::string& example)
{
    const bool quote = example.find_first_of(";[|") != std::string::npos;
    return "Pass the input the model expects with --input, e.g. --input " + std::string(quote ? "'" : "") + example
        + (quote ? "'" : "")
        + " (several inputs separated by ';', a dtype prefix such as int64:1,128 for integer inputs, a list of "
          "tensors in brackets: [3,320,320|3,240,320]).";
}

} // namespace prunescope::detail
