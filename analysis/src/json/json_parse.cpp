// SPDX-License-Identifier: MIT
#include "prunescope/json_parse.h"

#include <nlohmann/json.hpp>

namespace prunescope {

nlohmann::json parseJson(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false, escaped = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                throw JsonError("nested more than " + std::to_string(maxDepth) + " levels deep (at byte "
                    + std::to_string(i + 1) + ")");
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) { // syntax, and numbers out of range such as 1e400
        throw JsonError(e.what());
    }
}

} // namespace prunescope
