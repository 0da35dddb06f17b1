// SPDX-License-Identifier: MIT
#include "prunescope/crash_context.h"

#include <atomic>
#include <cstring>

namespace prunescope {

namespace {

char g_context[1024] = {};
std::atomic<bool> g_active { false };

} // namespace

const char* crashContext() { return g_active.load() ? g_context : nullptr; }

CrashContextScope::CrashContextScope(const std::string& context)
{
    g_active = false;
    std::strncpy(g_context, context.c_str(), sizeof g_context - 1);
    g_context[sizeof g_context - 1] = '\0';
    g_active = true;
}

CrashContextScope::~CrashContextScope() { g_active = false; }

} // namespace prunescope
