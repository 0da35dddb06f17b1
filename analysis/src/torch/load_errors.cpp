// SPDX-License-Identifier: MIT
#include "load_errors.h"

#include "prunescope/error.h"
#include "torch_pch.h"

#include <caffe2/serialize/inline_container.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace prunescope::detail {

namespace {

const char* const kExportHint = "Export the model as TorchScript in Python, e.g. "
                                "torch.jit.trace(model.eval(), example_input).save(\"model.pt\") "
                                "or torch.jit.script(model).save(\"model.pt\"), and open that file.";

[[noreturn]] void fail(const std::string& path, const std::string& what)
{
    throw Error(ErrorKind::BadModel, path + ": " + what);
}

std::string readRecord(caffe2::serialize::PyTorchStreamReader& reader, const std::string& name)
{
    auto [data, size] = reader.getRecord(name);
    return std::string(static_cast<const char*>(data.get()), size);
}

// A zip archive ends with its central directory: when the whole end record is there
// and the directory it points to lies inside the file, the file was not cut short,
// whatever else is wrong with it.
bool hasZipDirectory(const std::string& path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const std::streamoff size = in.tellg();
    constexpr std::streamoff kEndRecord = 22;
    if (!in || size < kEndRecord)
        return false;
    const std::streamoff tail = std::min<std::streamoff>(size, 65536 + kEndRecord);
    std::string bytes(static_cast<size_t>(tail), '\0');
    in.seekg(size - tail);
    in.read(bytes.data(), tail);
    const auto at = bytes.rfind(std::string("PK\x05\x06", 4));
    if (at == std::string::npos || at + kEndRecord > bytes.size())
        return false;
    auto u32 = [&](size_t offset) {
        uint32_t v = 0;
        for (int i = 3; i >= 0; --i)
            v = (v << 8) | static_cast<unsigned char>(bytes[at + offset + static_cast<size_t>(i)]);
        return static_cast<std::streamoff>(v);
    };
    const std::streamoff directorySize = u32(12), directoryOffset = u32(16);
    const std::streamoff endRecord = size - tail + static_cast<std::streamoff>(at);
    return directoryOffset + directorySize <= endRecord;
}

// What the archive's `version` record says about the PyTorch that wrote it: libtorch
// 1.13 reads format versions up to 0xA, and the reader has already refused later ones.
// PyTorch's torch.jit.load is the same importer: what fails here fails there too.
std::string formatVersionNote(caffe2::serialize::PyTorchStreamReader& reader)
{
    return "Its format version, " + std::to_string(reader.version())
        + ", is one PyTorch 1.13 reads, and PyTorch 1.13's own torch.jit.load, the same importer, fails on this "
          "file too. ";
}

std::string between(const std::string& text, const std::string& before, const std::string& stops)
{
    const auto start = text.find(before);
    if (start == std::string::npos)
        return {};
    const auto from = start + before.size();
    const auto end = text.find_first_of(stops, from);
    return text.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

// An operator or class the archive's code uses and this process does not register,
// named with where it comes from; empty when the failure is something else.
std::string missingDefinition(const std::string& message)
{
    std::string op = between(message, "Unknown builtin op: ", " \n");
    while (!op.empty() && op.back() == '.')
        op.pop_back();
    if (!op.empty()) {
        const auto colons = op.find("::");
        const std::string ns = colons == std::string::npos ? op : op.substr(0, colons);
        if (ns == "torchvision")
            return "it calls " + op
                + ", an operator of torchvision's own C++ library. Prunescope provides torchvision::nms, "
                  "roi_align and roi_pool (what torchvision's detection models call), not this one, so the model "
                  "cannot be analysed as it is.";
        if (ns == "aten" || ns == "prim" || ns == "quantized")
            return "it calls " + op
                + ", an operator libtorch 1.13 does not have (a later PyTorch release may have added it). Export "
                  "the model with PyTorch 1.13, or without that operator.";
        return "it calls " + op + ", an operator of the C++ extension library '" + ns
            + "' (registered in Python when that library is imported, e.g. torch.ops.load_library), which a "
              "process without Python does not have. Export the model without that operator.";
    }
    std::string cls = between(message, "Unknown type name '__torch__.torch.classes.", "' \n:");
    if (!cls.empty()) {
        const std::string ns = cls.substr(0, cls.find('.'));
        return "it uses the C++ class torch.classes." + cls + " of the extension library '" + ns
            + "' (registered in Python when that library is imported), which a process without Python does not "
              "have. Export the model without it.";
    }
    return {};
}

} // namespace

void checkModelFile(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        fail(path, "no such file. Check the path.");
    if (fs::is_directory(status))
        fail(path, "is a directory, not a model file. Give the path of a TorchScript .pt file.");
    if (!fs::is_regular_file(status))
        fail(path, "is not a regular file. Give the path of a TorchScript .pt file.");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot be read (permission denied?). Check the file's permissions.");
    char magic[4] = {};
    in.read(magic, sizeof magic);
    const auto got = in.gcount();
    if (in.bad())
        fail(path, "cannot be read: the system reported a read error. Copy the file to a local disk and try again.");
    if (got == 0)
        fail(path, "is empty (0 bytes). The export or the download did not finish; export the model again.");
    if (got == 4 && magic[0] == 'P' && magic[1] == 'K')
        return;
    if (static_cast<unsigned char>(magic[0]) == 0x80)
        fail(path,
            "is a Python pickle written by torch.save in the legacy (non-zip) format, not TorchScript. "
                + std::string(kExportHint));
    fail(path,
        "is not a TorchScript archive (TorchScript files are zip archives; this one is not). "
            + std::string(kExportHint));
}

void throwNotTorchScript(const std::string& path, const std::string& torchMessage)
{
    std::vector<std::string> records;
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader;
    try {
        reader = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
        records = reader->getAllRecords();
    } catch (const std::exception&) {
        if (torchMessage.find("maximum supported version") != std::string::npos)
            fail(path,
                "was written by a newer PyTorch than this Prunescope reads (" + coreMessage(torchMessage)
                    + "). Export it again with PyTorch 1.13 or earlier.");
        if (hasZipDirectory(path))
            fail(path,
                "is a zip archive, but not one written by PyTorch (" + coreMessage(torchMessage) + "). " + kExportHint);
        fail(path,
            "is a damaged or truncated zip archive (" + coreMessage(torchMessage)
                + "). The file was probably cut short while copying or downloading; export or download it again.");
    }
    bool hasCode = false, hasConstants = false, hasData = false;
    for (const auto& record : records) {
        hasCode = hasCode || record.rfind("code/", 0) == 0;
        hasConstants = hasConstants || record == "constants.pkl";
        hasData = hasData || record == "data.pkl";
    }
    if (hasData && !hasCode && !hasConstants) {
        std::string what = "an object saved with torch.save()";
        try {
            const std::string pickle = readRecord(*reader, "data.pkl");
            if (pickle.find("torch.nn.modules") != std::string::npos || pickle.find("\nModule") != std::string::npos)
                what = "a pickled nn.Module saved with torch.save(model)";
            else if (pickle.find("OrderedDict") != std::string::npos)
                what = "a state_dict (weights only) saved with torch.save(model.state_dict())";
        } catch (const std::exception&) {
        }
        fail(path,
            "is " + what + ", not TorchScript: it holds no model code, so the graph cannot be read. " + kExportHint);
    }
    if (const std::string missing = missingDefinition(torchMessage); !missing.empty())
        fail(path, missing);
    fail(path,
        "could not be loaded as TorchScript: " + coreMessage(torchMessage) + ". " + formatVersionNote(*reader)
            + kExportHint);
}

std::string coreMessage(const std::string& torchMessage)
{
    // libtorch's errors say what went wrong on their first line ("Unknown builtin op:
    // torchvision::nms."), then quote code. The interpreter's are the exception: a
    // TorchScript traceback first, the error ("RuntimeError: ...") last.
    const bool traceback = torchMessage.find("Traceback of TorchScript") != std::string::npos
        || torchMessage.find("The following operation failed in the TorchScript interpreter") != std::string::npos;
    std::istringstream lines(torchMessage);
    std::string line, first, best, previous;
    while (std::getline(lines, line)) {
        if (line.rfind("Exception raised from", 0) == 0 || line.rfind("frame #", 0) == 0)
            break;
        const auto begin = line.find_first_not_of(" \t");
        if (begin == std::string::npos)
            continue;
        line = line.substr(begin);
        // A call that matches no schema: the schema comes first, the mismatch second.
        if (line.rfind("Expected a value of type", 0) == 0 && best.empty()) {
            const auto paren = previous.find('(');
            best = (paren == std::string::npos ? std::string() : previous.substr(0, paren) + ": ") + line;
        }
        previous = line;
        if (first.empty())
            first = line;
        const auto marker = line.find("Error: ");
        if (traceback && marker != std::string::npos && line.rfind("File ", 0) != 0)
            best = line.substr(marker + 7);
    }
    std::string result = best.empty() ? first : best;
    while (!result.empty() && (result.back() == '.' || result.back() == ' ' || result.back() == ':'))
        result.pop_back();
    constexpr size_t kMax = 400;
    if (result.size() > kMax)
        result = result.substr(0, kMax) + "...";
    return result.empty() ? std::string("unknown error") : result;
}

std::string metaFailureSummary(const std::string& torchMessage)
{
    const std::string marker = "Could not run '";
    const auto start = torchMessage.find(marker);
    if (start == std::string::npos || torchMessage.find("'Meta' backend") == std::string::npos)
        return coreMessage(torchMessage);
    const auto end = torchMessage.find('\'', start + marker.size());
    const std::string op = torchMessage.substr(start + marker.size(), end - start - marker.size());
    if (op == "aten::_local_scalar_dense")
        return "the model reads a tensor's value (control flow such as `if x.sum() > 0`, or .item()), "
               "which meta tensors do not have";
    return op + " has no meta kernel in libtorch 1.13";
}

} // namespace prunescope::detail
