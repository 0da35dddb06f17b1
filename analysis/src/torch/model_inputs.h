// SPDX-License-Identifier: MIT
#pragma once
// forward's arguments: checked against its schema, built from the input specs (meta or
// real tensors, lists of them), completed with the schema's defaults (RAFT's
// num_flow_updates=12), and an example input of the model's own kind for messages.
#include "call_inliner.h"
#include "prunescope/input_spec.h"
#include "prunescope/op_graph.h"
#include "torch_pch.h"

#include <string>
#include <vector>

namespace prunescope::detail {

// Throws Error(BadInput) when the specs do not fit forward's arguments (count, tensor
// or list); `example` is the input to suggest.
void checkInputs(const std::string& path, const c10::FunctionSchema& forward, const std::vector<InputSpec>& specs,
    const std::string& example);

// Meta tensors, or real ones: ones for floating point (NNI's tests use torch.ones),
// zeros for integer and bool inputs so that they are valid indices for any embedding.
// Arguments the specs leave out get their default value from the schema.
std::vector<c10::IValue> makeInputs(const c10::FunctionSchema& forward, const std::vector<InputSpec>& specs, bool meta);

// An input the model accepts, judged from its first layer: "1,3,224,224" for a Conv2d
// on 3 channels, "1,3,16,224,224" for a Conv3d, "int64:1,128" for an Embedding,
// "[3,224,224]" for a List[Tensor] argument; one per required argument, ';'-separated.
std::string exampleInput(
    const c10::FunctionSchema& forward, const CallTable& calls, const std::vector<ModuleInfo>& modules);

// The scalar type an input spec's dtype names ("float32", "int64", ...); the spec
// parser has already refused any other name.
c10::ScalarType scalarType(const std::string& dtype);

// The advice every input error ends with, around that example.
std::string inputHint(const std::string& example);

} // namespace prunescope::detail
