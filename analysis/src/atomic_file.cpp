#include "prunescope/atomic_file.h"

#include "prunescope/error.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace prunescope {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what)
{
    throw Error(
        ErrorKind::Usage, "cannot write " + path + ": " + what + ". Check the directory exists and is writable.");
}

// Test hook: PRUNESCOPE_TEST_KILL_WRITE_AT=N kills the process (SIGKILL, which nothing
// can catch) once N bytes of the new content are written, as a power cut or the OOM
// killer would: the tests prove the file being replaced is intact afterwards.
size_t killWriteAt()
{
    const char* at = std::getenv("PRUNESCOPE_TEST_KILL_WRITE_AT");
    return at ? static_cast<size_t>(std::strtoull(at, nullptr, 10)) : SIZE_MAX;
}

} // namespace

void writeFileAtomically(const std::string& path, const std::string& content)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    if (fs::is_directory(target))
        fail(path, "it is a directory");
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        fail(path, std::strerror(errno));
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
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmpl.c_str());
        fail(path, why);
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmpl.c_str());
        fail(path, why);
    }
}

} // namespace prunescope
