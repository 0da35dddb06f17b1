// SPDX-License-Identifier: MIT
#pragma once
// Reading JSON the engine did not write itself (mask files, worker requests, worker
// replies): nesting is capped before a value is built, because nlohmann's parser, copy
// and destructor recurse once per level and a line of 100,000 brackets would overflow
// the stack.
#include <nlohmann/json_fwd.hpp>

#include <stdexcept>
#include <string_view>

namespace prunescope {

// Deeper than any JSON the project reads or writes (a report nests 8 levels).
inline constexpr int kMaxJsonDepth = 64;

class JsonError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws JsonError for bad syntax, numbers out of range and nesting deeper than
// `maxDepth`; the message says which, and where.
nlohmann::json parseJson(std::string_view text, int maxDepth = kMaxJsonDepth);

} // namespace prunescope
