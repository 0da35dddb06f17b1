// SPDX-License-Identifier: MIT
#pragma once
// The aten op kinds that more than one analysis singles out, listed once.
#include <string>

namespace prunescope {

// Null-terminated, the form NodeView::firstOp takes.
extern const char* const kConvolutionOps[]; // aten::_convolution, aten::conv2d, aten::conv_transpose1d...
extern const char* const kRecurrentOps[]; // aten::lstm, aten::gru, aten::rnn_tanh, aten::rnn_relu

bool isConvolutionOp(const std::string& kind);
bool isRecurrentOp(const std::string& kind);

} // namespace prunescope
