#pragma once
// Example inputs given as text: "1,3,224,224", several separated by ';', each with an
// optional dtype prefix ("int64:1,128"). The engine builds tensors from these.
#include <cstdint>
#include <string>
#include <vector>

namespace prunescope {

struct InputSpec {
    std::vector<int64_t> shape;
    std::string dtype = "float32"; // float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool

    std::string toString() const; // "int64:1,128" or "1,3,224,224" for float32
    bool operator==(const InputSpec& other) const { return shape == other.shape && dtype == other.dtype; }
};

// Throws Error(Usage) naming the offending part of the text.
std::vector<InputSpec> parseInputSpecs(const std::string& text);

const std::vector<InputSpec>& defaultInputSpecs(); // 1,3,224,224 float32

// Bytes one dense tensor of this spec takes; saturates instead of overflowing.
uint64_t inputBytes(const InputSpec& spec);

} // namespace prunescope
