// SPDX-License-Identifier: MIT
#pragma once
// Errors the engine reports to its callers. The kind decides the CLI's exit code and
// the GUI's wording; the message is already written for a person: it names the file
// and says what to do.
#include <stdexcept>
#include <string>

namespace prunescope {

enum class ErrorKind {
    Usage, // the request itself is malformed (bad option value, unparsable shape string)
    BadModel, // the model file cannot be opened or is not TorchScript
    BadInput, // the model opened but the example input or a mask does not fit it
    Io, // a file cannot be written (missing directory, disk full, permissions)
    Cancelled, // the caller asked to stop
    Internal, // a bug on our side; the message says so
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message)
        : std::runtime_error(message)
        , m_kind(kind)
    {
    }
    ErrorKind kind() const { return m_kind; }

private:
    ErrorKind m_kind;
};

const char* errorKindName(ErrorKind kind);

} // namespace prunescope
