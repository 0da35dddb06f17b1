// SPDX-License-Identifier: MIT
#include "op_kinds.h"

namespace prunescope {

const char* const kConvolutionOps[] = { "aten::_convolution", "aten::convolution", "aten::conv1d", "aten::conv2d",
    "aten::conv3d", "aten::conv_transpose1d", "aten::conv_transpose2d", "aten::conv_transpose3d", nullptr };
const char* const kRecurrentOps[] = { "aten::lstm", "aten::gru", "aten::rnn_tanh", "aten::rnn_relu", nullptr };

namespace {

bool listed(const char* const* kinds, const std::string& kind)
{
    for (; *kinds; ++kinds)
        if (kind == *kinds)
            return true;
    return false;
}

} // namespace

bool isConvolutionOp(const std::string& kind) { return listed(kConvolutionOps, kind); }
bool isRecurrentOp(const std::string& kind) { return listed(kRecurrentOps, kind); }

} // namespace prunescope
