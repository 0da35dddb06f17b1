// SPDX-License-Identifier: MIT
#include "prunescope/error.h"

#include "prunescope/progress.h"

namespace prunescope {

const char* errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Usage: return "usage";
    case ErrorKind::BadModel: return "bad_model";
    case ErrorKind::BadInput: return "bad_input";
    case ErrorKind::Io: return "io";
    case ErrorKind::Cancelled: return "cancelled";
    case ErrorKind::Internal: return "internal";
    }
    return "internal";
}

void Progress::throwIfCancelled() const
{
    if (cancelled && cancelled())
        throw Error(ErrorKind::Cancelled, "cancelled");
}

} // namespace prunescope
