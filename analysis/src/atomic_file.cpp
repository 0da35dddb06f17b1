// SPDX-License-Identifier: MIT
#include "prunescope/atomic_file.h"

#include "prunescope/error.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace prunescope {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what)
{
    throw Error(ErrorKind::Io, "cannot write " + path + ": " + what + ". Check the directory exists and is writable.");
}

// Test hook: PRUNESCOPE_TEST_KILL_WRITE_AT=N kills the process (SIGKILL, which nothing
// can catch) once N bytes of the new content are written, as a power cut or the OOM
// killer would: the tests prove the file being replaced is intact afterwards.
size_t killWriteAt()
{
    const char* at = std::getenv("PRUNESCOPE_TEST_KILL_WRITE_AT");
    return at ? static_cast<size_t>(std::strtoull(at, nullptr, 10)) : SIZE_MAX;
}

bool isTemporaryOf(const std::string& name, const std::string& target)
{
    const std::string prefix = "." + target + ".";
    return name.size() == prefix.size() + 6 && name.compare(0, prefix.size(), prefix) == 0
        && std::all_of(name.begin() + static_cast<long>(prefix.size()), name.end(),
            [](unsigned char c) { return std::isalnum(c) != 0; });
}

// A save that was killed leaves its temporary file (".NAME.XXXXXX") behind. Every save
// holds a lock on its own temporary file while it writes, and the kernel drops the lock
// with the process: a temporary of the same target that can be locked belongs to no
// running save, and goes.
void removeStaleTemporaries(const std::filesystem::path& dir, const std::string& target)
{
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (!isTemporaryOf(name, target) || !entry.is_regular_file(ec))
            continue;
        const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            ::unlink(entry.path().c_str());
        ::close(fd);
    }
}

// The rename is only durable once the directory itself is on disk.
void syncDirectory(const std::filesystem::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

void writeFileAtomically(const std::string& path, const std::string& content)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    if (fs::is_directory(target))
        fail(path, "it is a directory");
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    removeStaleTemporaries(dir, target.filename().string());
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0)
        fail(path, std::strerror(errno));
    ::flock(fd, LOCK_EX); // ours, and nobody else's to clean up (see removeStaleTemporaries)
    size_t written = 0;
    const size_t killAt = killWriteAt();
    while (written < content.size()) {
        if (written >= killAt)
            ::kill(::getpid(), SIGKILL);
        const size_t chunk = std::min(content.size() - written, killAt > written ? killAt - written : SIZE_MAX);
        const ssize_t n = ::write(fd, content.data() + written, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(tmpl.c_str());
            fail(path, why);
        }
        written += static_cast<size_t>(n);
    }
    // Readable like a file written normally (mkstemp creates 0600).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    if (::fsync(fd) != 0) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        ::unlink(tmpl.c_str());
        fail(path, why);
    }
    // Renamed while still locked: a cleanup that runs now finds the name gone.
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        ::unlink(tmpl.c_str());
        fail(path, why);
    }
    if (::close(fd) != 0)
        fail(path, std::strerror(errno));
    syncDirectory(dir);
}

} // namespace prunescope
