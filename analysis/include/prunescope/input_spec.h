// SPDX-License-Identifier: MIT
#pragma once
// Example inputs given as text: "1,3,224,224", several separated by ';', each with an
// optional dtype prefix ("int64:1,128"); a List[Tensor] argument (detection models take
// a list of images) in brackets, its tensors separated by '|': "[3,320,320|3,240,320]".
// The engine builds tensors from these.
#include <cstdint>
#include <string>
#include <vector>

namespace prunescope {

// A plain struct: a tensor (shape, dtype) or, with is_list, a list of tensors.
struct InputSpec {
    std::vector<int64_t> shape;
    std::string dtype = "float32"; // float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool
    bool is_list = false; // a List[Tensor]: `elements` holds its tensors, shape and dtype are unused
    std::vector<InputSpec> elements;

    std::string toString() const; // "int64:1,128", "1,3,224,224" for float32, "[3,320,320|3,240,320]"
    bool operator==(const InputSpec& other) const
    {
        return shape == other.shape && dtype == other.dtype && is_list == other.is_list && elements == other.elements;
    }
    bool operator!=(const InputSpec& other) const { return !(*this == other); }
};

// Throws Error(Usage) naming the offending part of the text.
std::vector<InputSpec> parseInputSpecs(const std::string& text);

const std::vector<InputSpec>& defaultInputSpecs(); // 1,3,224,224 float32

// Bytes one dense tensor of this spec takes (a list: all of its tensors); saturates
// instead of overflowing.
uint64_t inputBytes(const InputSpec& spec);

// The specs written back in the --input syntax, ';'-separated.
std::string inputSpecsText(const std::vector<InputSpec>& specs);

} // namespace prunescope
