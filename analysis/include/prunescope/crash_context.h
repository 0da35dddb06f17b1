// SPDX-License-Identifier: MIT
#pragma once
// What the engine is doing while libtorch works on untrusted input. libtorch 1.13 can
// crash on a damaged model file (a segfault inside torch::jit::load); an application's
// fatal-signal handler reads this to say which file it was instead of dying silently.
#include <string>

namespace prunescope {

// Safe to call from a signal handler: a fixed buffer, never allocated.
const char* crashContext();

// Sets the context for its lifetime ("reading model.pt with libtorch").
class CrashContextScope {
public:
    explicit CrashContextScope(const std::string& context);
    ~CrashContextScope();
    CrashContextScope(const CrashContextScope&) = delete;
    CrashContextScope& operator=(const CrashContextScope&) = delete;
};

} // namespace prunescope
