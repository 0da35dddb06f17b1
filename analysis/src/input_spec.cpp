// SPDX-License-Identifier: MIT
#include "prunescope/input_spec.h"

#include "prunescope/error.h"

#include <limits>
#include <map>

namespace prunescope {

namespace {

const std::map<std::string, int> kDtypeBytes { { "float32", 4 }, { "float64", 8 }, { "float16", 2 }, { "bfloat16", 2 },
    { "int64", 8 }, { "int32", 4 }, { "int16", 2 }, { "int8", 1 }, { "uint8", 1 }, { "bool", 1 } };

const std::map<std::string, std::string> kDtypeAliases { { "float", "float32" }, { "double", "float64" },
    { "half", "float16" }, { "long", "int64" }, { "int", "int32" } };

std::string trim(const std::string& text)
{
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos)
        return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

[[noreturn]] void badShape(const std::string& text, const std::string& why)
{
    throw Error(ErrorKind::Usage,
        "cannot read the input shape \"" + text + "\": " + why
            + ". Write each input as comma-separated positive sizes, e.g. 1,3,224,224; separate several "
              "inputs with ';' and give non-float inputs a dtype prefix, e.g. \"1,3,224,224;int64:1,128\"; "
              "write a list of tensors (List[Tensor], as detection models take) in brackets with '|' between "
              "them, e.g. [3,320,320|3,240,320].");
}

InputSpec parseTensor(const std::string& whole, const std::string& part)
{
    InputSpec spec;
    std::string dims = part;
    const auto colon = part.find(':');
    if (colon != std::string::npos) {
        std::string dtype = trim(part.substr(0, colon));
        if (kDtypeAliases.count(dtype))
            dtype = kDtypeAliases.at(dtype);
        if (!kDtypeBytes.count(dtype))
            badShape(whole,
                "unknown dtype \"" + dtype
                    + "\" (known: float32, float64, float16, bfloat16, int64, int32, "
                      "int16, int8, uint8, bool)");
        spec.dtype = dtype;
        dims = part.substr(colon + 1);
    }
    size_t start = 0;
    while (true) {
        const auto comma = dims.find(',', start);
        const std::string item
            = trim(dims.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (item.empty())
            badShape(whole, "a size is missing (two commas in a row, or a comma at an end)");
        if (item.find_first_not_of("0123456789") != std::string::npos)
            badShape(whole, "\"" + item + "\" is not a positive whole number");
        if (item.size() > 12)
            badShape(whole, "\"" + item + "\" is far too large for a tensor size");
        const int64_t size = std::stoll(item);
        if (size <= 0)
            badShape(whole, "sizes must be at least 1, got " + item);
        spec.shape.push_back(size);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return spec;
}

InputSpec parseOne(const std::string& whole, const std::string& part)
{
    const bool opens = part.front() == '[', closes = part.back() == ']';
    if (!opens && !closes) {
        if (part.find_first_of("[]|") != std::string::npos)
            badShape(whole, "'[', ']' and '|' belong to a list of tensors, written as [3,320,320|3,240,320]");
        return parseTensor(whole, part);
    }
    if (!opens || !closes || part.size() < 2)
        badShape(whole, "a list of tensors must start with '[' and end with ']', e.g. [3,320,320]");
    const std::string inner = trim(part.substr(1, part.size() - 2));
    if (inner.find_first_of("[]") != std::string::npos)
        badShape(whole, "lists of tensors cannot be nested");
    if (inner.empty())
        badShape(whole, "a list needs at least one tensor, e.g. [3,320,320]");
    InputSpec list;
    list.is_list = true;
    size_t start = 0;
    while (true) {
        const auto bar = inner.find('|', start);
        const std::string item = trim(inner.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
        if (item.empty())
            badShape(whole, "a tensor of the list is empty (two '|' in a row, or a '|' at an end)");
        list.elements.push_back(parseTensor(whole, item));
        if (bar == std::string::npos)
            break;
        start = bar + 1;
    }
    return list;
}

} // namespace

std::string InputSpec::toString() const
{
    if (is_list) {
        std::string text = "[";
        for (size_t i = 0; i < elements.size(); ++i)
            text += (i ? "|" : "") + elements[i].toString();
        return text + "]";
    }
    std::string text = dtype == "float32" ? "" : dtype + ":";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? "," : "") + std::to_string(shape[i]);
    return text;
}

std::vector<InputSpec> parseInputSpecs(const std::string& text)
{
    const std::string whole = trim(text);
    if (whole.empty())
        badShape(text, "it is empty");
    std::vector<InputSpec> specs;
    size_t start = 0;
    while (true) {
        const auto semicolon = whole.find(';', start);
        const std::string part
            = trim(whole.substr(start, semicolon == std::string::npos ? std::string::npos : semicolon - start));
        if (part.empty())
            badShape(whole, "an input is empty (two ';' in a row, or a ';' at an end)");
        specs.push_back(parseOne(whole, part));
        if (semicolon == std::string::npos)
            break;
        start = semicolon + 1;
    }
    return specs;
}

const std::vector<InputSpec>& defaultInputSpecs()
{
    static const std::vector<InputSpec> specs { InputSpec { { 1, 3, 224, 224 }, "float32", false, {} } };
    return specs;
}

uint64_t inputBytes(const InputSpec& spec)
{
    if (spec.is_list) {
        uint64_t total = 0;
        for (const auto& element : spec.elements) {
            const uint64_t bytes = inputBytes(element);
            total = bytes > std::numeric_limits<uint64_t>::max() - total ? std::numeric_limits<uint64_t>::max()
                                                                         : total + bytes;
        }
        return total;
    }
    const auto found = kDtypeBytes.find(spec.dtype);
    uint64_t bytes = found == kDtypeBytes.end() ? 4 : static_cast<uint64_t>(found->second);
    for (int64_t d : spec.shape) {
        const auto size = static_cast<uint64_t>(d);
        if (size != 0 && bytes > std::numeric_limits<uint64_t>::max() / size)
            return std::numeric_limits<uint64_t>::max();
        bytes *= size;
    }
    return bytes;
}

std::string inputSpecsText(const std::vector<InputSpec>& specs)
{
    std::string text;
    for (const auto& spec : specs)
        text += (text.empty() ? "" : ";") + spec.toString();
    return text;
}

} // namespace prunescope
