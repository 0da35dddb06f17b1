// SPDX-License-Identifier: MIT
// Atomic writes: the new content or the old one, never half; a failed write is an I/O
// error naming the file; temporary files of killed saves are cleaned up by the next
// save of the same file, but not those of a save still running.
#include "prunescope/atomic_file.h"
#include "prunescope/error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace prunescope;

namespace {

QByteArray read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void replacesTheFileAndCleansUpAfterKilledSaves()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath("masks.json");
        write(target, "old");
        // What a killed save leaves: nobody holds a lock on it.
        write(dir.filePath(".masks.json.Ab12Cd"), "half");
        // A save in progress in another process: it holds the lock.
        const QString running = dir.filePath(".masks.json.Zz99Yy");
        write(running, "writing");
        const int fd = ::open(QFile::encodeName(running).constData(), O_RDONLY);
        QVERIFY(fd >= 0 && ::flock(fd, LOCK_EX) == 0);
        // Not temporaries of this file: other names, other targets.
        write(dir.filePath(".other.json.Ab12Cd"), "x");
        write(dir.filePath(".masks.json.toolong1"), "x");

        writeFileAtomically(target.toStdString(), "new");
        ::close(fd);
        QCOMPARE(read(target), QByteArray("new"));
        QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        left.sort();
        QCOMPARE(
            left, QStringList({ ".masks.json.Zz99Yy", ".masks.json.toolong1", ".other.json.Ab12Cd", "masks.json" }));
    }

    void aFailedWriteIsAnIoErrorNamingTheFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("missing/r.json").toStdString();
        try {
            writeFileAtomically(path, "x");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Io);
            QCOMPARE(std::string(errorKindName(e.kind())), std::string("io"));
            QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
