// SPDX-License-Identifier: MIT
#pragma once
// Reading a request's parameters: a wrong type is the client's mistake (a usage error),
// not the internal error nlohmann's own type_error would become.
#include "prunescope/error.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace prunescope::cli {

inline Error usage(const std::string& message) { return Error(ErrorKind::Usage, message); }

// params[key] when present and not null.
template <typename T> std::optional<T> param(const nlohmann::json& params, const char* key)
{
    const auto it = params.find(key);
    if (it == params.end() || it->is_null())
        return std::nullopt;
    constexpr bool isBool = std::is_same_v<T, bool>, isInt = std::is_integral_v<T> && !isBool;
    if (isBool ? !it->is_boolean() : isInt ? !it->is_number_integer() : !it->is_string())
        throw usage(std::string("parameter \"") + key + "\" must be "
            + (isBool       ? "true or false"
                    : isInt ? "an integer"
                            : "a string"));
    return it->template get<T>();
}

inline std::string requiredString(const nlohmann::json& params, const char* key)
{
    const auto value = param<std::string>(params, key);
    if (!value || value->empty())
        throw usage(std::string("parameter \"") + key + "\" is required");
    return *value;
}

// One word of a fixed list (shape_mode, mask format) or a usage error listing them.
template <typename E>
E choice(const std::string& text, const char* key, std::initializer_list<std::pair<const char*, E>> words)
{
    std::string known;
    for (const auto& [word, value] : words) {
        if (text == word)
            return value;
        known += (known.empty() ? "" : ", ") + std::string(word);
    }
    throw usage(std::string("unknown ") + key + " \"" + text + "\": use " + known);
}

} // namespace prunescope::cli
