// SPDX-License-Identifier: MIT
#pragma once
// For the fuzz targets that read files: one temporary file per process, rewritten for
// every input and removed at exit.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace prunescope::fuzz {

inline const std::string& scratchFile(const char* suffix)
{
    static const std::string path = [suffix] {
        const char* dir = std::getenv("TMPDIR");
        std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/prunescope-fuzz-XXXXXX" + suffix;
        const int fd = ::mkstemps(tmpl.data(), static_cast<int>(std::string(suffix).size()));
        if (fd < 0) {
            std::perror("mkstemps");
            std::abort();
        }
        ::close(fd);
        static std::string remove;
        remove = tmpl;
        std::atexit([] { ::unlink(remove.c_str()); });
        return tmpl;
    }();
    return path;
}

inline void writeScratch(const std::string& path, const uint8_t* data, size_t size)
{
    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file || (size && std::fwrite(data, 1, size, file) != size) || std::fclose(file) != 0) {
        std::perror(path.c_str());
        std::abort();
    }
}

} // namespace prunescope::fuzz
