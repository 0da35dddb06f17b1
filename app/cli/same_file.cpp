// SPDX-License-Identifier: MIT
#include "commands.h"

#include <filesystem>

namespace prunescope::cli {

bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    return std::filesystem::exists(b, ec) && std::filesystem::equivalent(a, b, ec);
}

} // namespace prunescope::cli
