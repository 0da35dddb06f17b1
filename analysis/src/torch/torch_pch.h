// SPDX-License-Identifier: MIT
#pragma once
// Precompiled for every translation unit that talks to libtorch: these headers cost
// ~15 s per file to parse, so they are parsed once per build.
#include <ATen/ATen.h>
#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/runtime/interpreter.h>
#include <torch/script.h>
